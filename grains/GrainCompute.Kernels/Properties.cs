using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("GrainCompute.Kernels.Tests")]
