namespace GrainCompute.Runtime;

/// <summary>Converters from Task&lt;object?&gt; to a grain method's declared return type, made once per method.</summary>
internal static class ReturnAdapters
{
    public static Func<Task<object?>, object> For(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return static task => task;
        }

        if (returnType == typeof(ValueTask))
        {
            return static task => new ValueTask(task);
        }

        var name = returnType.GetGenericTypeDefinition() == typeof(Task<>) ? nameof(ToTask) : nameof(ToValueTask);
        return typeof(ReturnAdapters).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(returnType.GetGenericArguments()[0])
            .CreateDelegate<Func<Task<object?>, object>>();
    }

    private static object ToTask<T>(Task<object?> task) => CastAsync<T>(task);

    private static object ToValueTask<T>(Task<object?> task) => new ValueTask<T>(CastAsync<T>(task));

    private static async Task<T> CastAsync<T>(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;
}
