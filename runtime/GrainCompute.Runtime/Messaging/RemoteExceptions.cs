using System.Runtime.ExceptionServices;

namespace GrainCompute.Runtime.Messaging;

/// <summary>
/// Turns an exception's (type, message, stack) from another silo back into a typed exception: the same type
/// when this process has it and it takes a message, else <see cref="RemoteGrainException"/>. The remote stack
/// trace is kept, so the caller sees where it was thrown.
/// </summary>
internal static class RemoteExceptions
{
    public static Exception Rebuild(string typeName, string message, string stackTrace)
    {
        var exception = TryCreate(typeName, message) ?? new RemoteGrainException(typeName, message);
        return string.IsNullOrEmpty(stackTrace) ? exception : ExceptionDispatchInfo.SetRemoteStackTrace(exception, stackTrace);
    }

    private static Exception? TryCreate(string typeName, string message)
    {
        var type = FindType(typeName);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.GetConstructor([typeof(string)]) is null)
        {
            return null;
        }

        try
        {
            return (Exception?)Activator.CreateInstance(type, message);
        }
        catch (System.Reflection.TargetInvocationException)
        {
            return null;
        }
    }

    private static Type? FindType(string typeName) =>
        Type.GetType(typeName) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
}
