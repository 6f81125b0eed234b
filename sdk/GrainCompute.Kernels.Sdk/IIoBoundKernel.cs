namespace GrainCompute.Kernels;

/// <summary>
/// Marks a kernel whose chunks mostly wait (sleeps, I/O) instead of computing. The job grain runs such chunks
/// on reentrant workers, so waiting chunks hold no CPU worker slot.
/// </summary>
public interface IIoBoundKernel : IKernel;
