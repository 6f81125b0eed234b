namespace GrainCompute.Service.Tests.Api.BadInput;

/// <summary>One silo for the whole catalogue, with a small Compute:MaxBodyBytes so oversize bodies are cheap to send.</summary>
public sealed class BadInputSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync($"--Compute:MaxBodyBytes={HostileRequests.MaxBodyBytes}");

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
