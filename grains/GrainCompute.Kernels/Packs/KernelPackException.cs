namespace GrainCompute.Kernels;

/// <summary>A kernel pack cannot be loaded; the message is one line naming the pack and what is wrong with it.</summary>
public sealed class KernelPackException(string message, Exception? inner = null) : Exception(message, inner);
