namespace GrainCompute.Client;

/// <summary>How a <see cref="ComputeClient"/> talks to its gateways: the API key, timeouts and how long it retries a busy cluster.</summary>
public sealed class ComputeClientOptions
{
    /// <summary>Sent as X-Api-Key on every request; null or empty sends none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// This client's name, sent as X-GrainCompute-Client, so that the cluster queues its jobs fairly against other
    /// clients' (null: the cluster tells clients apart by address).
    /// </summary>
    public string? ClientName { get; set; }

    /// <summary>How long to wait for a TCP connection to a gateway before trying the next one (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one request may go unanswered before the gateway counts as failing and the next one is tried (default
    /// 100 s). A long poll (a wait) gets this on top of the time it asked the server to hold it.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long a request answered 429 (a cluster limit) or 503 (cluster unavailable) is retried, with exponential
    /// backoff or after the server's Retry-After, before the answer is thrown as a <see cref="ComputeApiException"/>
    /// (default 2 min; <see cref="TimeSpan.Zero"/>: never retried).
    /// </summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock for backoff, Retry-After dates and timeouts (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal ComputeClientOptions Validated()
    {
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "ComputeClientOptions.ConnectTimeout must be positive");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "ComputeClientOptions.RequestTimeout must be positive");
        }

        if (RetryBudget < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryBudget), RetryBudget, "ComputeClientOptions.RetryBudget must be zero (no retries) or positive");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        return this;
    }
}
