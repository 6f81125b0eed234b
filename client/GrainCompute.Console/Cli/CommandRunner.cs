using System.CommandLine;
using GrainCompute.Client;

namespace GrainCompute.Console.Cli;

/// <summary>Runs a command body and turns whatever went wrong into one line on stderr and an exit code.</summary>
internal static class CommandRunner
{
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                var (code, line) = Describe(exception, cancellationToken);
                await System.Console.Error.WriteLineAsync($"graincompute: {line}").ConfigureAwait(false);
                return code;
            }
        });

    internal static (int Code, string Line) Describe(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ComputeUnreachableException unreachable => (ExitCodes.Unreachable,
            $"{OneLine(unreachable.Message)}. Is a silo running there? Start one with `graincompute-silo`, pass --cluster URL (or set GRAINCOMPUTE_CLUSTER){InProcess}."),
        ComputeApiException { StatusCode: 401 or 403 } api => (ExitCodes.Unauthorized, $"{OneLine(api.Message)}; pass --api-key or set GRAINCOMPUTE_API_KEY"),
        ComputeApiException { StatusCode: 404 } api => (ExitCodes.NotFound, OneLine(api.Message)),
        ComputeApiException { StatusCode: >= 400 and < 500 } api => (ExitCodes.Usage, OneLine(api.Message)),
        ComputeApiException api => (ExitCodes.ServerError, OneLine(api.Message)),
        ComputeTaskFailedException failed => (ExitCodes.JobFailed, OneLine(failed.Message)),
        UsageException usage => (ExitCodes.Usage, usage.Message),
        OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Cancelled, "interrupted"),
        OperationCanceledException cancelled => (ExitCodes.JobFailed, OneLine(cancelled.Message)),
#if !HTTP_ONLY
        GrainCompute.Server.Hosting.SiloConfigurationException config => (ExitCodes.Usage, $"embedded silo: {OneLine(string.Join("; ", config.Problems))}"),
#endif
        _ => (ExitCodes.ServerError, $"{exception.GetType().Name}: {OneLine(exception.Message)}"),
    };

#if HTTP_ONLY
    private const string InProcess = "";
#else
    private const string InProcess = ", or leave --cluster out of `run` to compute in-process";
#endif

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
