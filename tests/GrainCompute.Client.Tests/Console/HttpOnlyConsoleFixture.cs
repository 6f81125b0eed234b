using GrainCompute.Testing;

namespace GrainCompute.Client.Tests.Console;

/// <summary>
/// The HTTP-only console (Native AOT), published once for the tests that run it, with docs/client.md's command. Its
/// build goes to a temporary folder (--artifacts-path), not to the projects' own obj/ and bin/ the tests run from.
/// </summary>
public sealed class HttpOnlyConsoleFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("graincompute-aot-");

    /// <summary>The command line that starts it: the native executable alone.</summary>
    public IReadOnlyList<string> Console => [Path.Combine(_work.FullName, "publish", "graincompute")];

    public async Task InitializeAsync() =>
        await DotnetCli.RunAsync(
            KernelPackBuilder.RepositoryRoot,
            ["publish", "client/GrainCompute.Console", "-c", "Release", "-p:PublishAot=true", "--artifacts-path", Path.Combine(_work.FullName, "artifacts"), "-o", Path.Combine(_work.FullName, "publish")],
            new Dictionary<string, string>(),
            TimeSpan.FromMinutes(10));

    public Task DisposeAsync()
    {
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
