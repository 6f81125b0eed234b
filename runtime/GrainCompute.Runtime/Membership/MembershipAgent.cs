using GrainCompute.Runtime.Hosting;

namespace GrainCompute.Runtime.Membership;

/// <summary>
/// Keeps this silo's row in the membership table and this silo's <see cref="ClusterView"/> up to date.
/// </summary>
/// <remarks>
/// Every write is read-modify-write with the version read, retried on conflict, so concurrent silos never
/// lose each other's rows. The view refreshes on a period and right after this silo's own writes; when a silo
/// leaves the active set, calls waiting on it fail at once.
/// </remarks>
internal sealed class MembershipAgent(Silo silo, IMembershipTable table)
{
    private static readonly TimeSpan MaxJoinRetryDelay = TimeSpan.FromSeconds(5);
    private ITimer? _refreshTimer;
    private int _refreshing;

    public ClusterView View { get; private set; } = ClusterView.Empty;

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        await AnnounceJoiningAsync(cancellationToken).ConfigureAwait(false);
        await WriteOwnRowAsync(SiloStatus.Active, cancellationToken).ConfigureAwait(false);
        _refreshTimer = silo.TimeProvider.CreateTimer(_ => _ = RefreshInBackgroundAsync(), null, silo.Options.MembershipRefreshPeriod, silo.Options.MembershipRefreshPeriod);
    }

    /// <summary>
    /// Writes the Joining row, retrying with backoff for up to <see cref="SiloOptions.JoinTimeout"/>: the table's
    /// database may still be starting (a database pod next to the silos), and a silo that waits for it beats
    /// one that crash-loops.
    /// </summary>
    private async Task AnnounceJoiningAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = silo.TimeProvider.GetUtcNow() + silo.Options.JoinTimeout;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await WriteOwnRowAsync(SiloStatus.Joining, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && silo.TimeProvider.GetUtcNow() + delay < giveUpAt)
            {
                silo.Log.MembershipUnreachable(exception.Message, delay.TotalSeconds);
                await Task.Delay(delay, silo.TimeProvider, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxJoinRetryDelay.Ticks));
            }
        }
    }

    public async Task LeaveAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        if (status == SiloStatus.Dead && _refreshTimer is not null)
        {
            await _refreshTimer.DisposeAsync().ConfigureAwait(false);
        }

        await WriteOwnRowAsync(status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the table and applies it to this silo's view.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        Apply(snapshot);
    }

    public void StopRefreshing() => _refreshTimer?.Dispose();

    private async Task RefreshInBackgroundAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            await WriteOwnRowAsync(null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            silo.Log.MembershipRefreshFailed(exception.Message);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    /// <summary>Writes this silo's row with <paramref name="status"/> (null: keep it, just say I am alive) and refreshes the view.</summary>
    private async Task WriteOwnRowAsync(SiloStatus? status, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var current = snapshot.Silos.FirstOrDefault(s => s.Address == silo.Address);
            if (current?.Status == SiloStatus.Dead && status != SiloStatus.Dead)
            {
                // Others declared us dead: a silo that learns this stops itself, as in Orleans.
                Apply(snapshot);
                silo.OnDeclaredDead();
                return;
            }

            var now = silo.TimeProvider.GetUtcNow();
            var row = current is null
                ? new SiloEntry(silo.Address, silo.Options.SiloName, status ?? SiloStatus.Joining, silo.Options.GatewayUrl, silo.Options.WorkerSlots, now, now, [])
                : current with { Status = status ?? current.Status, IAmAliveTime = now };
            if (await table.TryWriteAsync(row, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                Apply(await table.ReadAllAsync(cancellationToken).ConfigureAwait(false));
                return;
            }
        }
    }

    private void Apply(MembershipSnapshot snapshot)
    {
        var previous = View;
        if (snapshot.Version <= previous.Version)
        {
            return;
        }

        var next = new ClusterView(snapshot.Version, snapshot.Silos);
        View = next;
        foreach (var gone in previous.Active.Except(next.Active))
        {
            if (gone != silo.Address)
            {
                silo.OnSiloLeft(gone);
            }
        }
    }
}
