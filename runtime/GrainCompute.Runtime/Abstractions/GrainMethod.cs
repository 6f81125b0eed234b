using System.Linq.Expressions;
using System.Reflection;

namespace GrainCompute.Runtime;

/// <summary>
/// Everything the runtime needs to call one grain interface method: its wire name, call flags, and compiled
/// delegates that invoke it on a grain and read its result without reflection on the hot path.
/// </summary>
internal sealed class GrainMethod
{
    private readonly Func<object, object?[], Task> _invoke;
    private readonly Func<Task, object?>? _readResult;
    private readonly Func<Task<object?>, object> _adaptReturn;

    private GrainMethod(Type grainInterface, MethodInfo method)
    {
        Interface = grainInterface;
        Method = method;
        Name = $"{grainInterface.FullName}.{method.Name}";
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        ResultType = ResultTypeOf(method);
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute));
        ReadOnly = method.IsDefined(typeof(ReadOnlyAttribute));
        Timeout = method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout;
        _invoke = CompileInvoker(grainInterface, method);
        _readResult = ResultType is null ? null : CompileResultReader(ResultType);
        _adaptReturn = ReturnAdapters.For(method.ReturnType);
    }

    public Type Interface { get; }

    public MethodInfo Method { get; }

    /// <summary>"Namespace.IInterface.Method": unique because grain interfaces may not overload methods.</summary>
    public string Name { get; }

    public Type[] ParameterTypes { get; }

    /// <summary>T for Task&lt;T&gt; and ValueTask&lt;T&gt;; null for Task and ValueTask.</summary>
    public Type? ResultType { get; }

    public bool AlwaysInterleave { get; }

    public bool ReadOnly { get; }

    public TimeSpan? Timeout { get; }

    public Task Invoke(object grain, object?[] arguments) => _invoke(grain, arguments);

    public object? ReadResult(Task completed) => _readResult?.Invoke(completed);

    /// <summary>Turns the runtime's untyped result task into what the interface method returns (Task&lt;T&gt;, ValueTask, …).</summary>
    public object AdaptReturn(Task<object?> result) => _adaptReturn(result);

    public static GrainMethod Create(Type grainInterface, MethodInfo method)
    {
        var returns = method.ReturnType;
        var supported = returns == typeof(Task) || returns == typeof(ValueTask) ||
            (returns.IsGenericType && (returns.GetGenericTypeDefinition() == typeof(Task<>) || returns.GetGenericTypeDefinition() == typeof(ValueTask<>)));
        if (!supported)
        {
            throw new InvalidOperationException($"Grain method {grainInterface.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>, not {returns.Name}.");
        }

        if (method.IsGenericMethod || method.GetParameters().Any(p => p.IsOut || p.ParameterType.IsByRef))
        {
            throw new InvalidOperationException($"Grain method {grainInterface.Name}.{method.Name} may not be generic or take ref/out parameters.");
        }

        return new GrainMethod(grainInterface, method);
    }

    private static Type? ResultTypeOf(MethodInfo method) =>
        method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;

    private static Func<object, object?[], Task> CompileInvoker(Type grainInterface, MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, grainInterface), method, parameters);
        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            call = Expression.Call(call, method.ReturnType.GetMethod(nameof(ValueTask<int>.AsTask))!);
        }
        else if (method.ReturnType == typeof(ValueTask))
        {
            call = Expression.Call(call, typeof(ValueTask).GetMethod(nameof(ValueTask.AsTask))!);
        }

        return Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), grain, arguments).Compile();
    }

    private static Func<Task, object?> CompileResultReader(Type resultType)
    {
        var task = Expression.Parameter(typeof(Task), "task");
        var taskType = typeof(Task<>).MakeGenericType(resultType);
        var result = Expression.Property(Expression.Convert(task, taskType), nameof(Task<int>.Result));
        return Expression.Lambda<Func<Task, object?>>(Expression.Convert(result, typeof(object)), task).Compile();
    }
}
