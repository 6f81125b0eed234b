using System.CommandLine;
using GrainCompute.Client;
using GrainCompute.Console.Cli;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

internal static class KernelsCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var json = new Option<bool>("--json") { Description = "Write the catalog as JSON." };
        var command = new Command("kernels", """
            List the kernels the cluster runs, with their parameters and defaults, and the silos serving each
            (by name, with the version where silos differ: a rolling upgrade, or a pack missing somewhere).

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

                var silos = kernels.SelectMany(k => k.Silos).Select(s => s.Address).Distinct().Count();
                var table = new Table("kernel", "reduction", "parameters (default)", "silos", "description");
                foreach (var kernel in kernels.OrderBy(k => k.Name, StringComparer.Ordinal))
                {
                    table.Add(kernel.Name, kernel.Reduction, string.Join(", ", kernel.Parameters.Select(p => $"{p.Name}={p.Default?.GetRawText() ?? "null"}")), Serving(kernel, silos), kernel.Description);
                }

                System.Console.Out.Write(table.ToString());
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    /// <summary>"all 3" when every silo serves one version, else who serves which ("a, b @1.0.0.0+3f2a…; c @1.1.0.0+9e01…").</summary>
    private static string Serving(KernelInfo kernel, int silos)
    {
        var versions = kernel.Silos.GroupBy(s => s.Version).ToList();
        return versions.Count == 1 && kernel.Silos.Count == silos
            ? $"all {silos}"
            : string.Join("; ", versions.Select(v => $"{string.Join(", ", v.Select(s => s.Silo))}{(versions.Count > 1 ? $" @{v.Key}" : "")}"));
    }
}
