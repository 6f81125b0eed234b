namespace GrainCompute.Service.Tests.Api;

/// <summary>
/// One silo with three keys — the single Api:ApiKey (full), a second full key and a read key in Api:Keys — and a
/// writable dashboard, so that a 403 on a dashboard cancel can only come from the key's role.
/// </summary>
public sealed class KeyedSiloFixture : IAsyncLifetime
{
    public const string FullKey = "full-key-2026";
    public const string LegacyFullKey = "legacy-full-key";
    public const string ReadKey = "read-key-2026";

    /// <summary>The key the full one replaced: configured nowhere any more.</summary>
    public const string RotatedOutKey = "full-key-2025";

    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(
        $"--Api:ApiKey={LegacyFullKey}",
        $"--Api:Keys:0:Key={FullKey}",
        "--Api:Keys:0:Role=full",
        $"--Api:Keys:1:Key={ReadKey}",
        "--Api:Keys:1:Role=read",
        "--Api:Keys:1:Name=dashboards",
        "--Dashboard:ReadOnly=false");

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
