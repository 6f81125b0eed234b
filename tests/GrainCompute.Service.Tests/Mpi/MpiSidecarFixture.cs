namespace GrainCompute.Service.Tests.Mpi;

/// <summary>A real sidecar process and a real silo host whose Compute:MpiSidecarUrl points at it.</summary>
public sealed class MpiSidecarFixture : IAsyncLifetime
{
    internal SidecarProcess Sidecar { get; private set; } = null!;

    internal SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sidecar = await SidecarProcess.StartAsync();
        Silo = await SiloProcess.StartAsync($"--Compute:MpiSidecarUrl={Sidecar.Address}");
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Sidecar is not null)
        {
            await Sidecar.DisposeAsync();
        }
    }
}
