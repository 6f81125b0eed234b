using System.CommandLine;
using GrainCompute.Client;
using GrainCompute.Console.Cli;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

internal static class SubmitCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var kernel = new Argument<string>("kernel") { Description = "Kernel name; `graincompute kernels` lists them." };
        var parameters = ParameterArguments.CreateOption();
        var chunkSize = new Option<int?>("--chunk-size") { Description = "Items per chunk (default: chunks of ~10–50 ms)." };
        var id = new Option<string?>("--id") { Description = "Job id to use (submitting the same id again is idempotent)." };
        var json = new Option<bool>("--json") { Description = "Write the job's status as JSON (\"result\" a JSON value) instead of the id." };
        var command = new Command("submit", """
            Submit a job to a cluster and print its id without waiting; follow it with `graincompute jobs`.

            Example:
              graincompute submit collatz --param n=10^7 --cluster http://127.0.0.1:8080
              graincompute jobs wait <id>
            """) { kernel, parameters, chunkSize, id, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var body = ParameterArguments.Parse(parse.GetValue(parameters));
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: false, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var job = await client.SubmitAsync(parse.GetValue(kernel)!, body, new SubmitOptions(parse.GetValue(chunkSize), parse.GetValue(id)), cancellationToken).ConfigureAwait(false);
                System.Console.Out.WriteLine(parse.GetValue(json)
                    ? Formats.Serialize(JobJson.Of(job.Submitted ?? await job.StatusAsync(cancellationToken).ConfigureAwait(false)))
                    : job.Id);
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
