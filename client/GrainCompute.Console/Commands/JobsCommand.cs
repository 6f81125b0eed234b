using System.CommandLine;
using System.Globalization;
using GrainCompute.Client;
using GrainCompute.Console.Cli;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

/// <summary>`graincompute jobs list|show|wait|results|cancel`.</summary>
internal static class JobsCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var jobs = new Command("jobs", """
            List, inspect, wait for, read and cancel jobs on a cluster.

            Example:
              graincompute jobs list --cluster http://127.0.0.1:8080
            """);
        jobs.Subcommands.Add(List(connection));
        jobs.Subcommands.Add(Show(connection));
        jobs.Subcommands.Add(Wait(connection));
        jobs.Subcommands.Add(Results(connection));
        jobs.Subcommands.Add(Cancel(connection));
        return jobs;
    }

    private static Argument<string> JobId() => new("id") { Description = "The job id (`graincompute jobs list` shows them)." };

    private static Option<bool> Json() => new("--json") { Description = "Write JSON: a job as its status fields, with \"result\" a JSON value (not the API's escaped \"resultJson\")." };

    private static Command List(ConnectionOptions connection)
    {
        var limit = new Option<int>("--limit") { Description = "How many of the most recent jobs.", DefaultValueFactory = _ => 20 };
        var json = Json();
        var command = new Command("list", "List the most recent jobs.\n\nExample:\n  graincompute jobs list --limit 50") { limit, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: false, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var statuses = await client.JobsAsync(parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    var array = new System.Text.Json.Nodes.JsonArray();
                    foreach (var status in statuses)
                    {
                        array.Add((System.Text.Json.Nodes.JsonNode)JobJson.Of(status));
                    }

                    System.Console.Out.WriteLine(Formats.Serialize<System.Text.Json.Nodes.JsonNode>(array));
                    return ExitCodes.Ok;
                }

                var table = new Table("id", "kernel", "state", "items", "chunks", "seconds", "submitted");
                foreach (var status in statuses)
                {
                    table.Add(
                        status.Id,
                        status.Kernel,
                        Formats.Lower(status.State),
                        $"{status.ItemsDone}/{status.Items}",
                        $"{status.ChunksDone}/{status.Chunks}",
                        status.Elapsed() is { } elapsed ? Formats.Seconds(elapsed.TotalSeconds) : "",
                        status.Submitted.ToString("u", CultureInfo.InvariantCulture));
                }

                System.Console.Out.Write(table.ToString());
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Show(ConnectionOptions connection)
    {
        var id = JobId();
        var chunks = new Option<bool>("--chunks") { Description = "Also list the chunks: state, attempts, where they ran." };
        var json = Json();
        var command = new Command("show", "Show a job's status and result.\n\nExample:\n  graincompute jobs show job-1a2b3c4d5e6f --chunks") { id, chunks, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: false, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var job = client.GetJob(parse.GetValue(id)!);
                var status = await job.StatusAsync(cancellationToken).ConfigureAwait(false);
                var chunkList = parse.GetValue(chunks) ? await job.ChunksAsync(cancellationToken).ConfigureAwait(false) : null;
                if (parse.GetValue(json))
                {
                    var document = await JobJson.ReadAsync(client, status, cancellationToken).ConfigureAwait(false);
                    if (chunkList is not null)
                    {
                        document["chunks"] = System.Text.Json.JsonSerializer.SerializeToNode(chunkList, Formats.Json.GetTypeInfo(typeof(IReadOnlyList<ChunkInfo>)));
                    }

                    System.Console.Out.WriteLine(Formats.Serialize(document));
                    return ExitCodes.Ok;
                }

                System.Console.Out.WriteLine(Formats.Progress(status));
                System.Console.Out.WriteLine($"kernel {status.Kernel}; held by {status.HeldBy}; submitted {status.Submitted:u}" + (status.Elapsed() is { } e ? $"; {Formats.Seconds(e.TotalSeconds)} s" : ""));
                foreach (var share in status.Silos ?? [])
                {
                    System.Console.Out.WriteLine($"  {share.Silo}: {share.Chunks} chunks, {Formats.Seconds(share.BusySeconds)} s busy");
                }

                System.Console.Out.WriteLine($"result: {Formats.Result(status, 500)}");
                if (chunkList is not null)
                {
                    var table = new Table("chunk", "items", "state", "attempts", "silo", "worker", "error");
                    foreach (var chunk in chunkList)
                    {
                        table.Add(chunk.Index.ToString(CultureInfo.InvariantCulture), $"{chunk.Start}..{chunk.Start + chunk.Count - 1}", Formats.Lower(chunk.State), chunk.Attempts.ToString(CultureInfo.InvariantCulture), chunk.Silo ?? "", chunk.Worker ?? "", chunk.Error ?? "");
                    }

                    System.Console.Out.Write(table.ToString());
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Wait(ConnectionOptions connection)
    {
        var id = JobId();
        var returnWhen = new Option<ReturnWhen>("--return-when") { Description = "allCompleted, firstCompleted or firstException.", DefaultValueFactory = _ => ReturnWhen.AllCompleted };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds to wait at most (default: until it holds)." };
        var json = Json();
        var command = new Command("wait", """
            Wait for a job; exit 0 when the condition holds, 1 when the job failed, 124 on timeout. On a terminal a
            progress bar shows on stderr while it waits; otherwise it prints only the outcome.

            Example:
              graincompute jobs wait job-1a2b3c4d5e6f --timeout 60
            """) { id, returnWhen, timeout, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: false, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var seconds = parse.GetValue(timeout);
                var quiet = parse.GetValue(json);
                var outcome = await JobFollower.WaitAsync(
                    client.GetJob(parse.GetValue(id)!),
                    parse.GetValue(returnWhen),
                    seconds is { } s ? TimeSpan.FromSeconds(s) : null,
                    quiet ? ProgressStyle.None : ProgressStyles.ForStandardError(),
                    cancellationToken).ConfigureAwait(false);
                if (quiet)
                {
                    var document = await JobJson.ReadAsync(client, outcome.Status, cancellationToken).ConfigureAwait(false);
                    document["satisfied"] = outcome.Satisfied;
                    System.Console.Out.WriteLine(Formats.Serialize(document));
                }
                else
                {
                    System.Console.Out.WriteLine(Formats.Progress(outcome.Status));
                }
                return outcome.Status.State is JobState.Failed or JobState.Cancelled ? ExitCodes.JobFailed : outcome.Satisfied ? ExitCodes.Ok : ExitCodes.TimedOut;
            }
        });
        return command;
    }

    private static Command Results(ConnectionOptions connection)
    {
        var id = JobId();
        var order = new Option<ResultOrder>("--order") { Description = "input (item order) or completion (as chunks finish).", DefaultValueFactory = _ => ResultOrder.Input };
        var offset = new Option<long>("--offset") { Description = "Skip this many results." };
        var limit = new Option<long?>("--limit") { Description = "Write at most this many results." };
        var command = new Command("results", "Stream a job's item results as NDJSON ({index, seq, value, error} a line) as they arrive.\n\nExample:\n  graincompute jobs results job-1a2b3c4d5e6f --order completion --limit 10") { id, order, offset, limit };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: false, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var skip = parse.GetValue(offset);
                var left = parse.GetValue(limit) ?? long.MaxValue;
                var line = new System.Text.Json.JsonSerializerOptions(Formats.Json) { WriteIndented = false }.GetTypeInfo(typeof(ResultItem));
                await foreach (var item in client.GetJob(parse.GetValue(id)!).ResultsAsync(parse.GetValue(order), skip, cancellationToken).ConfigureAwait(false))
                {
                    if (left-- <= 0)
                    {
                        break;
                    }

                    await System.Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(item, line)).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Cancel(ConnectionOptions connection)
    {
        var id = JobId();
        var json = Json();
        var command = new Command("cancel", "Cancel a job: chunks not yet finished are cancelled, finished results stay readable.\n\nExample:\n  graincompute jobs cancel job-1a2b3c4d5e6f") { id, json };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var client = await connection.ConnectAsync(parse, localWhenUnnamed: false, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var status = await client.GetJob(parse.GetValue(id)!).CancelAsync(cancellationToken).ConfigureAwait(false);
                System.Console.Out.WriteLine(parse.GetValue(json) ? Formats.Serialize(JobJson.Of(status)) : Formats.Progress(status));
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
