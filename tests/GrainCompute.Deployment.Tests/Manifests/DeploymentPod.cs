namespace GrainCompute.Deployment.Tests.Manifests;

/// <summary>The downward-API values a silo pod would get: here, a loopback pod IP and a pod-like name.</summary>
internal static class DeploymentPod
{
    public static IReadOnlyDictionary<string, string> Fields(string podName, string podIp = "127.0.0.1") => new Dictionary<string, string>
    {
        ["status.podIP"] = podIp,
        ["metadata.name"] = podName,
        ["metadata.namespace"] = "graincompute",
    };
}
