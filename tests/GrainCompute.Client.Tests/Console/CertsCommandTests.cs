using System.Security.Cryptography.X509Certificates;

namespace GrainCompute.Client.Tests.Console;

/// <summary>`graincompute certs create` as a user runs it: the files it writes, and what it refuses.</summary>
public sealed class CertsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("graincompute-certs-test-").FullName;

    [Fact]
    public async Task Create_WritesACaAndASiloAndAClientCertificateItIssued()
    {
        var run = await GraincomputeProcess.RunAsync("certs", "create", "--out", _folder, "--name", "silo-0.graincompute", "--days", "30");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_folder, "ca.crt")));
        using var silo = X509Certificate2.CreateFromPemFile(Path.Combine(_folder, "silo.crt"), Path.Combine(_folder, "silo.key"));
        using var client = X509Certificate2.CreateFromPemFile(Path.Combine(_folder, "client.crt"), Path.Combine(_folder, "client.key"));
        foreach (var issued in new[] { silo, client })
        {
            using var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck } };
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            Assert.True(chain.Build(issued), $"{issued.Subject} does not chain to the CA: {string.Join(", ", chain.ChainStatus.Select(s => s.Status))}");
        }

        Assert.True(silo.HasPrivateKey);
        Assert.Contains("silo-0.graincompute", silo.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.InRange(silo.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "ca.key")));
        }
    }

    [Fact]
    public async Task Create_IntoAFolderThatHasCertificates_ExitsNonZeroWithOneLineUnlessForced()
    {
        await GraincomputeProcess.RunAsync("certs", "create", "--out", _folder);
        var before = await File.ReadAllTextAsync(Path.Combine(_folder, "ca.crt"));

        var refused = await GraincomputeProcess.RunAsync("certs", "create", "--out", _folder);
        var unchanged = await File.ReadAllTextAsync(Path.Combine(_folder, "ca.crt"));
        var forced = await GraincomputeProcess.RunAsync("certs", "create", "--out", _folder, "--force");

        Assert.Equal(2, refused.ExitCode);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--force", line, StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(before, await File.ReadAllTextAsync(Path.Combine(_folder, "ca.crt")));
    }

    [Fact]
    public async Task Create_WithDaysOutOfRange_ExitsNonZeroWithOneLine()
    {
        var run = await GraincomputeProcess.RunAsync("certs", "create", "--out", _folder, "--days", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--days must be 1..3650", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
