using GrainCompute.Mpi.Examples.Serve;
using GrainCompute.Mpi.Sidecar;
using Microsoft.AspNetCore.Builder;

namespace GrainCompute.Mpi.Tests.Serve;

/// <summary>A real sidecar on 127.0.0.1 with a free port; by default one run at a time and no queue, so "busy" is easy to provoke.</summary>
public sealed class SidecarFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public SidecarFixture()
        : this(queueLimit: 0)
    {
    }

    internal SidecarFixture(int queueLimit) => Options = new() { Port = 0, MaxRanks = 4, MaxConcurrentRuns = 1, QueueLimit = queueLimit };

    internal SidecarOptions Options { get; }

    public HttpClient Http { get; private set; } = null!;

    public MpiSidecarClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Options.Validate();
        _app = SidecarHost.Build(Options);
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(SidecarHost.Address(_app) + "/"), Timeout = TimeSpan.FromSeconds(90) };
        Client = new MpiSidecarClient(Http);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
