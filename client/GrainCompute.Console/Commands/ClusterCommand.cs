using System.CommandLine;
using System.Globalization;
using GrainCompute.Console.Cli;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

internal static class ClusterCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var json = new Option<bool>("--json") { Description = "Write the cluster view as JSON." };
        var command = new Command("cluster", """
            Show the silos the gateway knows: status, worker slots, uptime, gateway URL.

            Example:
              graincompute cluster --cluster http://127.0.0.1:8080
            """) { json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: false, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var cluster = await client.ClusterAsync(cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    System.Console.Out.WriteLine(Formats.Serialize(cluster));
                    return ExitCodes.Ok;
                }

                System.Console.Out.WriteLine($"cluster '{cluster.ClusterId}' via {cluster.Gateway}");
                var table = new Table("silo", "address", "status", "slots", "uptime s", "gateway");
                foreach (var silo in cluster.Silos)
                {
                    table.Add(silo.Name, silo.Address, silo.Status, silo.WorkerSlots.ToString(CultureInfo.InvariantCulture), Formats.Seconds(silo.UptimeSeconds), silo.GatewayUrl ?? "");
                }

                System.Console.Out.Write(table.ToString());
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
