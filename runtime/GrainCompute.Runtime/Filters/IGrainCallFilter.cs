namespace GrainCompute.Runtime;

/// <summary>
/// Runs around every grain call a silo serves (timing, error counting, tracing). Call <c>next</c> once to go
/// on to the next filter and finally the grain method; the context then holds the result.
/// </summary>
public interface IGrainCallFilter
{
    Task InvokeAsync(GrainCallContext context, Func<Task> next);
}
