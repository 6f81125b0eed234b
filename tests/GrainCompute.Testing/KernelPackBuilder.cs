using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GrainCompute.Testing;

/// <summary>
/// Builds kernel packs the way a user does: packs the repository's SDK into a folder feed, creates a project with
/// <c>dotnet new graincompute-kernel</c> from templates/graincompute-kernel, and publishes it (Release).
/// </summary>
/// <remarks>
/// Everything lives in one temp directory per test process, outside the repository, so no Directory.Build.props or
/// central package versions of ours apply: the generated project has to stand on its own, as it will for users. That
/// directory also holds the template hive (<c>--debug:custom-hive</c>, so the user's <c>dotnet new list</c> never
/// shows the template) and the NuGet package folder (NUGET_PACKAGES): a test-packed SDK 1.0.0 or 2.0.0 must not land
/// in ~/.nuget/packages, where a later restore of that version would take it, stale, instead of the real one.
/// The next test process to build a pack deletes it once this one has ended (GRAINCOMPUTE_KEEP_KERNEL_PACKS=1 keeps them).
///
/// A build takes tens of seconds, so packs are cached per process by (name, SDK version, kernel name), and so are the
/// SDK feeds, by version. Callers asking for the same pack at once share one build (a lazily started task); different
/// packs build in parallel; only <c>dotnet new</c>, which writes the hive's cache, runs one at a time. A failed build
/// stays failed for the process, with the output of the step that failed, rather than being retried by every test.
/// Separate test processes (test assemblies run in parallel) each build in their own directory.
/// </remarks>
public static partial class KernelPackBuilder
{
    public const string DefaultName = "Acme.Kernels";

    /// <summary>The template's example kernel (digit sums of 1..n; <c>{"n": 100}</c> gives 901).</summary>
    public const string DefaultKernelName = "digit-sum";

    internal const string SdkAssemblyName = "GrainCompute.Kernels.Sdk";

    internal static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    private const string WorkPrefix = "graincompute-kernel-packs-";
    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<string> RepositoryRootPath = new(FindRepositoryRoot);
    private static readonly Lazy<string> RepositoryVersion = new(ReadRepositorySdkVersion);
    private static readonly Lazy<string> WorkPath = new(CreateWorkDirectory);
    private static readonly Lazy<Task<string>> Hive = new(InstallTemplateAsync);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Feeds = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Name, string SdkVersion, string KernelName), Lazy<Task<KernelPack>>> Packs = new();
    private static readonly SemaphoreSlim NewProject = new(1, 1);

    /// <summary>The directory holding GrainCompute.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot => RepositoryRootPath.Value;

    /// <summary>The SDK's package version in the repository (sdk/GrainCompute.Kernels.Sdk, &lt;Version&gt;).</summary>
    public static string RepositorySdkVersion => RepositoryVersion.Value;

    /// <summary>
    /// The pack <paramref name="name"/> built against GrainCompute.Kernels.Sdk <paramref name="sdkVersion"/> (default:
    /// <see cref="RepositorySdkVersion"/>; the repository's SDK sources packed as that version, with assembly version
    /// major.minor.0.0, so "2.0.0" gives a pack that references 2.0.0.0), its example kernel named <paramref name="kernelName"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait; the shared build goes on for other callers.</param>
    public static Task<KernelPack> BuildAsync(
        string name = DefaultName, string? sdkVersion = null, string kernelName = DefaultKernelName, CancellationToken cancellationToken = default)
    {
        if (!ProjectName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a project name the template takes (letters, digits, dots, underscores)", nameof(name));
        }

        if (!KernelName().IsMatch(kernelName))
        {
            throw new ArgumentException($"'{kernelName}' is not a kernel name (lower-case letters, digits and dashes)", nameof(kernelName));
        }

        var version = sdkVersion ?? RepositorySdkVersion;
        _ = AssemblyVersionOf(version);
        var build = Packs.GetOrAdd((name, version, kernelName), key => new(() => BuildUncachedAsync(key.Name, key.SdkVersion, key.KernelName)));
        return build.Value.WaitAsync(cancellationToken);
    }

    // The build outlives the caller that started it (others share it), so its continuations do not go back to that
    // test's synchronization context: ConfigureAwait(false) throughout.
    private static async Task<KernelPack> BuildUncachedAsync(string name, string sdkVersion, string kernelName)
    {
        var feed = await Feeds.GetOrAdd(sdkVersion, v => new(() => PackSdkAsync(v))).Value.ConfigureAwait(false);
        var hive = await Hive.Value.ConfigureAwait(false);
        var suffix = kernelName == DefaultKernelName ? "" : "-" + kernelName;
        var directory = Path.Combine(WorkPath.Value, "packs", $"{name}-sdk{sdkVersion}{suffix}");

        await NewProject.WaitAsync().ConfigureAwait(false);
        try
        {
            await RunAsync(WorkPath.Value, "new", "graincompute-kernel", "--debug:custom-hive", hive, "-n", name, "-o", directory,
                "--sdk-version", sdkVersion, "--sdk-feed", feed, "--kernel-name", kernelName).ConfigureAwait(false);
        }
        finally
        {
            NewProject.Release();
        }

        var pack = new KernelPack(name, sdkVersion, kernelName, directory, ChildEnvironment());
        await pack.DotnetAsync(["publish", Path.Combine("src", name), "-c", "Release", "-o", pack.Folder, "--disable-build-servers"]).ConfigureAwait(false);
        if (!File.Exists(pack.AssemblyPath))
        {
            throw new InvalidOperationException($"publishing {name} succeeded but left no {pack.AssemblyPath}");
        }

        return pack;
    }

    private static async Task<string> PackSdkAsync(string version)
    {
        // --artifacts-path keeps the pack's obj/ and bin/ out of the repository, where other builds use the SDK project.
        var feed = Path.Combine(WorkPath.Value, "feeds", version);
        var project = Path.Combine(RepositoryRoot, "sdk", SdkAssemblyName, SdkAssemblyName + ".csproj");
        await RunAsync(WorkPath.Value, "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", $"-p:AssemblyVersion={AssemblyVersionOf(version)}",
            "--artifacts-path", Path.Combine(WorkPath.Value, "sdk-build", version), "--disable-build-servers").ConfigureAwait(false);
        return feed;
    }

    private static async Task<string> InstallTemplateAsync()
    {
        var hive = Path.Combine(WorkPath.Value, "template-hive");
        await RunAsync(WorkPath.Value, "new", "install", Path.Combine(RepositoryRoot, "templates", "graincompute-kernel"), "--debug:custom-hive", hive).ConfigureAwait(false);
        return hive;
    }

    private static Task<string> RunAsync(string workingDirectory, params string[] arguments) =>
        DotnetCli.RunAsync(workingDirectory, arguments, ChildEnvironment(), StepTimeout);

    private static Dictionary<string, string> ChildEnvironment() => new(StringComparer.Ordinal)
    {
        ["NUGET_PACKAGES"] = Path.Combine(WorkPath.Value, "nuget-packages"),
    };

    /// <summary>"1.4.2" or "2.0.0-beta" → 1.4.0.0 / 2.0.0.0: silos judge compatibility by major.minor of the reference.</summary>
    private static string AssemblyVersionOf(string packageVersion)
    {
        if (!Version.TryParse(packageVersion.Split('-', '+')[0], out var version) || version.Build < 0 || version.Revision >= 0)
        {
            throw new ArgumentException($"SDK version '{packageVersion}' is not major.minor.patch", nameof(packageVersion));
        }

        return $"{version.Major}.{version.Minor}.0.0";
    }

    private static string CreateWorkDirectory()
    {
        SweepDirectoriesOfEndedProcesses();
        var directory = Directory.CreateTempSubdirectory(WorkPrefix).FullName;
        if (directory.StartsWith(RepositoryRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the temp directory {directory} is inside the repository; point TMPDIR elsewhere so packs build without its Directory.Build.props");
        }

        File.WriteAllText(Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return directory;
    }

    /// <summary>
    /// Deletes the work directories of test processes that have ended. They cannot delete their own: the test runner
    /// ends its test host without running exit handlers.
    /// </summary>
    private static void SweepDirectoriesOfEndedProcesses()
    {
        if (Environment.GetEnvironmentVariable("GRAINCOMPUTE_KEEP_KERNEL_PACKS") == "1")
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), WorkPrefix + "*"))
        {
            try
            {
                // No owner file yet: its process is between creating the directory and writing the file.
                var owner = Path.Combine(directory, OwnerFile);
                if (File.Exists(owner) && !IsRunning(int.Parse(File.ReadAllText(owner), CultureInfo.InvariantCulture)))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                // Another user's, or being deleted by another sweep: not worth failing a test over.
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GrainCompute.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no GrainCompute.sln above {AppContext.BaseDirectory}");
    }

    private static string ReadRepositorySdkVersion()
    {
        var project = Path.Combine(RepositoryRoot, "sdk", SdkAssemblyName, SdkAssemblyName + ".csproj");
        return XDocument.Load(project).Descendants("Version").Select(e => e.Value.Trim()).FirstOrDefault()
            ?? throw new InvalidOperationException($"{project} sets no <Version>");
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex ProjectName();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KernelName();
}
