using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GrainCompute.Mpi.Examples.Examples;
using GrainCompute.Mpi.Sidecar;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>GET /health, GET /examples, POST /runs. Errors are RFC 9457 problem details.</summary>
internal static class SidecarEndpoints
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app)
    {
        app.MapGet("/health", Health);
        app.MapGet("/examples", () => ExampleCatalog.All.Select(ToInfo));
        app.MapPost("/runs", RunAsync);
    }

    private static IResult Health(SidecarOptions options, RunGate gate)
    {
        var mpiexec = ExecutableSearch.Find(options.MpiexecPath);
        return mpiexec is null
            ? Results.Problem(
                title: "mpiexec not found",
                detail: $"'{options.MpiexecPath}' is not on PATH; install MPICH: {MpichLibrary.InstallHint}",
                statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Ok(new { status = "healthy", mpiexec, running = gate.Running, admitted = gate.Admitted });
    }

    private static async Task<IResult> RunAsync(
        HttpContext context, SidecarOptions options, RunGate gate, MpiexecLauncher launcher, ILogger<RunGate> logger)
    {
        RunRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<RunRequestBody>(context.Request.Body, _json, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Results.Problem(title: "Invalid JSON", detail: $"the body must be {{example, ranks, parameters, timeoutSeconds}}: {ex.Message}", statusCode: 400);
        }

        var problem = RunRequestValidator.Validate(body ?? new RunRequestBody(null, null, null, null), options, out var plan);
        if (problem is not null || plan is null)
        {
            return problem!;
        }

        // The run's limit counts from here, queue included: the caller (a silo's mpi-* kernel) gives up after the
        // limit plus a margin, so a run that waited in the queue must not get the whole limit again.
        var started = Stopwatch.GetTimestamp();
        using var queueLimit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        queueLimit.CancelAfter(plan.Timeout);
        IDisposable? lease;
        try
        {
            lease = await gate.TryEnterAsync(queueLimit.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            SidecarLog.RunTimedOut(logger, plan.Example.Name, plan.Ranks, plan.Timeout);
            return Results.Problem(
                title: "MPI run timed out",
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"'{plan.Example.Name}' on {plan.Ranks} ranks waited in the queue past its {plan.Timeout.TotalSeconds:0.#} s limit and never started"),
                statusCode: StatusCodes.Status504GatewayTimeout);
        }

        using var _ = lease;
        if (lease is null)
        {
            SidecarLog.RunRefusedBusy(logger, plan.Example.Name, gate.Running, options.QueueLimit);
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem(
                title: "MPI sidecar busy",
                detail: $"{gate.Running} run(s) in progress and the queue of {options.QueueLimit} is full; retry later",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        var command = MpiexecCommand.Create(options, plan.Example.Name, plan.Ranks, plan.Arguments);
        SidecarLog.RunStarted(logger, command.ToString());
        var left = plan.Timeout - Stopwatch.GetElapsedTime(started);
        var outcome = await launcher.RunAsync(command, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), context.RequestAborted);
        if (outcome.TimedOut)
        {
            SidecarLog.RunTimedOut(logger, plan.Example.Name, plan.Ranks, plan.Timeout);
            return Results.Problem(
                title: "MPI run timed out",
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"'{plan.Example.Name}' on {plan.Ranks} ranks ran past its {plan.Timeout.TotalSeconds:0.#} s limit; mpiexec and its ranks were killed"),
                statusCode: StatusCodes.Status504GatewayTimeout,
                extensions: new Dictionary<string, object?> { ["command"] = command.ToString(), ["output"] = TaggedOutput.Split(outcome.Lines, plan.Ranks) });
        }

        SidecarLog.RunFinished(logger, plan.Example.Name, plan.Ranks, outcome.ExitCode, outcome.Elapsed);
        return Results.Ok(RunResultBuilder.Build(plan, command, outcome));
    }

    private static MpiExampleInfo ToInfo(IExample example) => new(
        example.Name,
        example.Description,
        [.. example.Parameters.Where(p => !p.IsPath).Select(p => new MpiExampleParameterInfo(p.Name, p.Description, p.Default, p.Min, p.Max))]);
}
