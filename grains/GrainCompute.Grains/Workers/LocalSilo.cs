namespace GrainCompute.Grains.Workers;

/// <summary>This silo's compute settings, as the host configured them ("Silo" section).</summary>
/// <param name="Name">Shown by the dashboard and `graincompute cluster`.</param>
/// <param name="ApiUrl">This silo's HTTP API base address, for clients (null: none published).</param>
/// <param name="WorkerSlots">CPU-bound chunks this silo runs at once.</param>
/// <param name="DrainTimeout">On graceful shutdown, how long running chunks may take to finish.</param>
public sealed record LocalSilo(string Name, string? ApiUrl, int WorkerSlots, TimeSpan DrainTimeout)
{
    public static LocalSilo Default { get; } = new(Environment.MachineName, null, Environment.ProcessorCount, TimeSpan.FromSeconds(20));

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
}
