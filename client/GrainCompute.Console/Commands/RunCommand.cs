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
        var json = new Option<bool>("--json")
        {
            Description = "Write the job as one JSON document, no progress: its status fields, \"result\" (the result as a JSON value), \"seconds\" and \"serialSeconds\".",
        };
        var compare = new Option<bool>("--compare-serial") { Description = "Also run the job as one chunk on one worker and print both times and the speedup." };
        var command = new Command("run", """
            Run a kernel to the end and print its result on stdout. Progress goes to stderr: a bar with items/s and
            the time left on a terminal, a plain line a second otherwise (redirected, CI, TERM=dumb; NO_COLOR drops
            the bar's colors).

            Examples:
              graincompute run isprime --param n=489133282872437279
              graincompute run square --param n=10^6 --compare-serial
              graincompute run isprime --param n=489133282872437279 --json | jq .result.isPrime
            """) { kernel, parameters, chunkSize, json, compare };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var body = ParameterArguments.Parse(parse.GetValue(parameters));
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: true, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var name = parse.GetValue(kernel)!;
                var quiet = parse.GetValue(json);
                var progress = quiet ? ProgressStyle.None : ProgressStyles.ForStandardError();
                JobFollower.Timed? serial = null;
                if (parse.GetValue(compare))
                {
                    serial = await JobFollower.RunAsync(client, name, body, int.MaxValue, progress, cancellationToken).ConfigureAwait(false);
                }

                var run = await JobFollower.RunAsync(client, name, body, parse.GetValue(chunkSize), progress, cancellationToken).ConfigureAwait(false);
                if (quiet)
                {
                    var document = await JobJson.ReadAsync(client, run.Status, cancellationToken).ConfigureAwait(false);
                    document["seconds"] = run.Seconds;
                    document["serialSeconds"] = serial?.Seconds;
                    System.Console.Out.WriteLine(Formats.Serialize(document));
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
