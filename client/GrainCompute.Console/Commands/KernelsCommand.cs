using System.CommandLine;
using GrainCompute.Console.Cli;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

internal static class KernelsCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var json = new Option<bool>("--json") { Description = "Write the catalog as JSON." };
        var command = new Command("kernels", """
            List the kernels the cluster runs, with their parameters and defaults.

            Example:
              graincompute kernels --cluster http://127.0.0.1:8080
            """) { json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: true, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var kernels = await client.KernelsAsync(cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    System.Console.Out.WriteLine(Formats.Serialize(kernels));
                    return ExitCodes.Ok;
                }

                var table = new Table("kernel", "reduction", "parameters (default)", "description");
                foreach (var kernel in kernels.OrderBy(k => k.Name, StringComparer.Ordinal))
                {
                    table.Add(kernel.Name, kernel.Reduction, string.Join(", ", kernel.Parameters.Select(p => $"{p.Name}={p.Default?.GetRawText() ?? "null"}")), kernel.Description);
                }

                System.Console.Out.Write(table.ToString());
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
