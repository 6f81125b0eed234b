namespace GrainCompute.Deployment.Tests;

/// <summary>Paths in the repository this test assembly was built from (found by walking up to GrainCompute.sln).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GrainCompute.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no GrainCompute.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
