namespace GrainCompute.Server.Hosting;

/// <summary>
/// Kubernetes hosting ("Kubernetes" section; the manifests in k8s/ set GRAINCOMPUTE__KUBERNETES__ENABLED=true).
/// Enabled, the silo runs Orleans' <c>UseKubernetesHosting</c>: it takes its name, address and cluster id from the
/// pod (POD_NAME, POD_IP, POD_NAMESPACE, ORLEANS_CLUSTER_ID), labels its pod with the cluster, and watches the
/// cluster's pods, so a deleted pod's silo is declared dead at once instead of after missed probes.
/// </summary>
public sealed class KubernetesOptions
{
    /// <summary>Only inside a pod: outside one there is no Kubernetes API to watch and the silo would not start.</summary>
    public bool Enabled { get; set; }

    public IEnumerable<string> Validate(Func<string, string?> environment)
    {
        if (Enabled && string.IsNullOrEmpty(environment("POD_NAMESPACE")) && !File.Exists("/var/run/secrets/kubernetes.io/serviceaccount/namespace"))
        {
            yield return "Kubernetes:Enabled needs the pod's namespace: set POD_NAMESPACE from the downward API (fieldRef metadata.namespace), "
                + "or run in a pod with a service account; outside Kubernetes set GRAINCOMPUTE__KUBERNETES__ENABLED=false";
        }

        if (Enabled && string.IsNullOrEmpty(environment("POD_NAME")))
        {
            yield return "Kubernetes:Enabled needs the pod's name: set POD_NAME from the downward API (fieldRef metadata.name)";
        }
    }
}
