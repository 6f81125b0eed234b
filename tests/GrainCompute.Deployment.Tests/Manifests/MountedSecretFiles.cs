namespace GrainCompute.Deployment.Tests.Manifests;

using static Kustomize;

/// <summary>
/// The silo container's file paths that come from Secret volumes: which Secret and key each is, and (for checks
/// that run here, where nothing is mounted) a stand-in file per path, swapped into the environment for the test's life.
/// </summary>
internal sealed class MountedSecretFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("graincompute-mounts-").FullName;

    public MountedSecretFiles(Rendered rendered, Dictionary<string, string> environment)
    {
        foreach (var (name, value) in environment.ToList())
        {
            if (SecretKeyAt(rendered, value) is not null)
            {
                var standIn = Path.Combine(_folder, name);
                File.WriteAllText(standIn, "");
                environment[name] = standIn;
            }
        }
    }

    /// <summary>The Secret and key behind <paramref name="path"/> in the silo container, or null when no Secret volume is mounted there.</summary>
    public static (string Secret, string Key, bool Optional)? SecretKeyAt(Rendered rendered, string path)
    {
        foreach (var mount in Items(rendered.Container("silo")["volumeMounts"]))
        {
            var folder = Str(mount["mountPath"]).TrimEnd('/') + "/";
            if (!path.StartsWith(folder, StringComparison.Ordinal))
            {
                continue;
            }

            var volume = Items(rendered.PodSpec["volumes"]).Single(v => Str(v["name"]) == Str(mount["name"]));
            if (volume["secret"] is { } secret)
            {
                return (Str(secret["secretName"]), path[folder.Length..], Str(secret["optional"]) == "true");
            }
        }

        return null;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
