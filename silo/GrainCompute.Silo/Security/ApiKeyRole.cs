namespace GrainCompute.Server.Security;

/// <summary>What an API key may do. Ordered: a role allows everything a lower one does.</summary>
public enum ApiKeyRole
{
    /// <summary>Reads: lists, results, waits, dashboards and their event streams, /metrics, the OpenAPI document.</summary>
    Read = 1,

    /// <summary>Reads and writes: submit, batch submit, cancel (the API's and the dashboard's).</summary>
    Full = 2,
}
