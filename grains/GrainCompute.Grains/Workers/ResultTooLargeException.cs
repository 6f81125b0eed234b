namespace GrainCompute.Grains.Workers;

/// <summary>A chunk's or a job's results are larger than the silo's limits allow (Compute:MaxChunkResultBytes, Compute:MaxJobResultBytes).</summary>
internal sealed class ResultTooLargeException(string message) : Exception(message);
