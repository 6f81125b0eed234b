namespace GrainCompute.Runtime.Filters;

/// <summary>Runs the filters in order, the grain method last.</summary>
internal static class GrainCallFilterChain
{
    public static Task InvokeAsync(IReadOnlyList<IGrainCallFilter> filters, GrainCallContext context)
    {
        return Next(0);

        Task Next(int index) => index < filters.Count
            ? filters[index].InvokeAsync(context, () => Next(index + 1))
            : InvokeGrainAsync(context);
    }

    private static async Task InvokeGrainAsync(GrainCallContext context)
    {
        var method = context.GrainMethod;
        var task = method.Invoke(context.Grain, context.ArgumentArray);
        await task;
        context.Result = method.ReadResult(task);
    }
}
