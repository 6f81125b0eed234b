namespace GrainCompute.Client.Transport;

/// <summary>
/// Job ids chosen by the client, so that a submit retried (after a 429, a 503 or a lost answer) finds the job it
/// made the first time instead of making a second one. 80 random bits: even a billion ids in one cluster's
/// retention collide with odds under one in a million.
/// </summary>
internal static class JobIds
{
    public static string New() => $"job-{Guid.NewGuid():N}"[..24];
}
