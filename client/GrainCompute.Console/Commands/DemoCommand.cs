using System.CommandLine;
using GrainCompute.Client;
using GrainCompute.Console.Cli;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

/// <summary>
/// `graincompute demo`: the seed notebook's summary table, measured here. Each workload runs once unmeasured
/// (so the kernel's code is compiled before timing), then as one chunk on one worker (the "serial" baseline:
/// same kernel, same process, no parallelism), then with the cluster's own chunking.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var only = new Option<string[]>("--only") { Description = "Run only these kernels (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Write the table as JSON." };
        var command = new Command("demo", """
            Run the seed notebook's workloads serially (one chunk) and in parallel, and print the summary table:
            workload × serial s / GrainCompute s / speedup / result. Without --cluster it starts a silo in-process.

            Examples:
              graincompute demo
              graincompute demo --only isprime --only julia --cluster http://127.0.0.1:8080
            """) { only, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var selected = parse.GetValue(only) is { Length: > 0 } names ? names : null;
            var workloads = DemoWorkloads.All.Where(w => selected is null || selected.Contains(w.Kernel, StringComparer.Ordinal)).ToList();
            if (workloads.Count == 0)
            {
                throw new UsageException($"--only matches no workload; they are {string.Join(", ", DemoWorkloads.All.Select(w => w.Kernel))}");
            }

            var client = await connection.ConnectAsync(parse, localWhenUnnamed: true, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var cluster = await client.ClusterAsync(cancellationToken).ConfigureAwait(false);
                var slots = cluster.Silos.Sum(s => s.WorkerSlots);
                await System.Console.Error.WriteLineAsync($"demo on {(client.IsLocal ? "an embedded silo" : client.Gateway.ToString())}: {cluster.Silos.Count} silo(s), {slots} worker slots").ConfigureAwait(false);
                var rows = new List<DemoRow>();
                foreach (var workload in workloads)
                {
                    var row = await MeasureAsync(client, workload, cancellationToken).ConfigureAwait(false);
                    rows.Add(row);
                    await System.Console.Error.WriteLineAsync($"  {workload.Kernel}: serial {Formats.Seconds(row.SerialSeconds)} s, GrainCompute {Formats.Seconds(row.ParallelSeconds)} s").ConfigureAwait(false);
                }

                if (parse.GetValue(json))
                {
                    System.Console.Out.WriteLine(Formats.Serialize(rows));
                }
                else
                {
                    var table = new Table("Workload", "serial s", "GrainCompute s", "speedup", "chunks", "result");
                    foreach (var row in rows)
                    {
                        table.Add(row.Workload, Formats.Seconds(row.SerialSeconds), Formats.Seconds(row.ParallelSeconds), $"{row.Speedup:0.0}×", row.Chunks.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Result);
                    }

                    System.Console.Out.Write(table.ToString());
                    System.Console.Out.WriteLine($"serial: the same job as one chunk on one worker; GrainCompute: automatic chunking over {slots} worker slot(s). Wall-clock seconds, submit to result.");
                }

                return rows.All(r => r.Ok) ? ExitCodes.Ok : ExitCodes.JobFailed;
            }
        });
        return command;
    }

    private static async Task<DemoRow> MeasureAsync(ComputeClient client, DemoWorkloads.Workload workload, CancellationToken cancellationToken)
    {
        // I/O-bound kernels compile in no time and a warm-up would cost their whole delay again.
        if (workload.Kernel != "slowadd")
        {
            await JobFollower.RunAsync(client, workload.Kernel, workload.Parameters, null, ProgressStyle.None, cancellationToken).ConfigureAwait(false);
        }

        var serial = await JobFollower.RunAsync(client, workload.Kernel, workload.Parameters, int.MaxValue, ProgressStyle.None, cancellationToken).ConfigureAwait(false);
        var parallel = await JobFollower.RunAsync(client, workload.Kernel, workload.Parameters, null, ProgressStyle.None, cancellationToken).ConfigureAwait(false);
        var ok = parallel.Status.State == JobState.Completed && serial.Status.State == JobState.Completed;
        var result = await JobFollower.DescribeResultAsync(client, parallel.Status, 5, 40, cancellationToken).ConfigureAwait(false);
        if (ok && parallel.Status.ResultJson != serial.Status.ResultJson)
        {
            result += " (serial result differs!)";
            ok = false;
        }

        return new DemoRow(workload.Title, workload.Kernel, serial.Seconds, parallel.Seconds, serial.Seconds / parallel.Seconds, parallel.Status.Chunks, result, ok);
    }

    internal sealed record DemoRow(string Workload, string Kernel, double SerialSeconds, double ParallelSeconds, double Speedup, int Chunks, string Result, bool Ok);
}
