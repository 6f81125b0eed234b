namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>One line mpiexec printed, and on which of its streams.</summary>
internal readonly record struct OutputLine(bool FromStderr, string Text);
