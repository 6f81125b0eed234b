using System.CommandLine;
using GrainCompute.Console.Cli;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

internal static class RunCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var kernel = new Argument<string>("kernel") { Description = "Kernel name; `graincompute kernels` lists them." };
        var parameters = ParameterArguments.CreateOption();
        var chunkSize = new Option<int?>("--chunk-size") { Description = "Items per chunk (default: chunks of ~10–50 ms)." };
        var json = new Option<bool>("--json") { Description = "Write the final job status (with the result) as JSON." };
        var compare = new Option<bool>("--compare-serial") { Description = "Also run the job as one chunk on one worker and print both times and the speedup." };
        var command = new Command("run", """
            Run a kernel to the end and print its result (progress goes to stderr).

            Examples:
              graincompute run isprime --param n=489133282872437279
              graincompute run square --param n=10^6 --compare-serial
            """) { kernel, parameters, chunkSize, json, compare };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var body = ParameterArguments.Parse(parse.GetValue(parameters));
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: true, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var name = parse.GetValue(kernel)!;
                var quiet = parse.GetValue(json);
                JobFollower.Timed? serial = null;
                if (parse.GetValue(compare))
                {
                    serial = await JobFollower.RunAsync(client, name, body, int.MaxValue, !quiet, cancellationToken).ConfigureAwait(false);
                }

                var run = await JobFollower.RunAsync(client, name, body, parse.GetValue(chunkSize), !quiet, cancellationToken).ConfigureAwait(false);
                if (quiet)
                {
                    System.Console.Out.WriteLine(Formats.Serialize(new { status = run.Status, seconds = run.Seconds, serialSeconds = serial?.Seconds }));
                }
                else
                {
                    System.Console.Out.WriteLine(await JobFollower.DescribeResultAsync(client, run.Status, 100, 100_000, cancellationToken).ConfigureAwait(false));
                    var silos = run.Status.Silos is { Count: > 0 } s ? $" on {s.Count} silo(s)" : "";
                    var line = $"{run.Status.Id}: {run.Status.Items} items in {run.Status.Chunks} chunks{silos}, {Formats.Seconds(run.Seconds)} s";
                    if (serial is not null)
                    {
                        line += $"; serial (1 chunk) {Formats.Seconds(serial.Seconds)} s, speedup {serial.Seconds / run.Seconds:0.00}×";
                    }

                    await System.Console.Error.WriteLineAsync(line).ConfigureAwait(false);
                }

                return run.Status.State switch
                {
                    Client.JobState.Completed => ExitCodes.Ok,
                    _ => throw new Client.ComputeTaskFailedException(run.Status.Id, run.Status.Error ?? Formats.Lower(run.Status.State)),
                };
            }
        });
        return command;
    }
}
