using GrainCompute.Runtime.Hosting;

namespace GrainCompute.Runtime.Membership;

/// <summary>
/// Finds dead silos and declares them dead in the membership table.
/// </summary>
/// <remarks>
/// Design note (after Orleans' membership protocol). Every silo probes every other active silo over the normal
/// silo connections each <see cref="SiloOptions.ProbePeriod"/>. After <see cref="SiloOptions.MissedProbesToSuspect"/>
/// misses in a row it writes a suspicion vote ("voter|unix-ms") into the target's row; votes older than
/// <see cref="SiloOptions.VoteExpiry"/> do not count. Once a row holds <see cref="SiloOptions.VotesToDeclareDead"/>
/// fresh votes (or votes from every other active silo, in a smaller cluster), the voter that completes the count
/// writes Status = Dead. All writes are optimistic on the table version, so concurrent voters never lose a vote.
/// A silo that reads that it is dead stops itself (<see cref="MembershipAgent"/>). A crashed process refuses
/// connections, so with the defaults (1 s probes, 2 misses) it is declared dead within about 3 s.
/// </remarks>
internal sealed class FailureDetector(Silo silo, IMembershipTable table)
{
    private readonly Dictionary<SiloAddress, int> _missed = []; // touched only by the probe loop, one round at a time
    private ITimer? _timer;
    private int _probing;

    public void Start() =>
        _timer = silo.TimeProvider.CreateTimer(_ => _ = ProbeRoundAsync(), null, silo.Options.ProbePeriod, silo.Options.ProbePeriod);

    public void Stop() => _timer?.Dispose();

    private async Task ProbeRoundAsync()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1 || silo.Status != SiloStatus.Active)
        {
            Volatile.Write(ref _probing, 0);
            return;
        }

        try
        {
            var targets = silo.View.Active.Where(a => a != silo.Address).ToList();
            var probes = targets.Select(ProbeAsync).ToList();
            var answered = await Task.WhenAll(probes).ConfigureAwait(false);
            for (var i = 0; i < targets.Count; i++)
            {
                var missed = answered[i] ? 0 : _missed.GetValueOrDefault(targets[i]) + 1;
                _missed[targets[i]] = missed;
                if (missed >= silo.Options.MissedProbesToSuspect)
                {
                    await VoteAsync(targets[i]).ConfigureAwait(false);
                }
            }

            foreach (var gone in _missed.Keys.Except(targets).ToList())
            {
                _missed.Remove(gone);
            }
        }
        catch (Exception exception)
        {
            silo.Log.MembershipRefreshFailed($"probe round failed: {exception.Message}");
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private async Task<bool> ProbeAsync(SiloAddress target)
    {
        try
        {
            using (GrainCallOptions.WithTimeout(silo.Options.ProbeTimeout))
            {
                await silo.GrainFactory.GetGrain<IProbeGrain>(target.ToString()).Ping().ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception exception) when (exception is SiloUnavailableException or GrainCallTimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task VoteAsync(SiloAddress suspect)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var snapshot = await table.ReadAllAsync().ConfigureAwait(false);
            var row = snapshot.Silos.FirstOrDefault(s => s.Address == suspect);
            if (row is null || row.Status == SiloStatus.Dead)
            {
                return;
            }

            var now = silo.TimeProvider.GetUtcNow();
            var votes = row.SuspectedBy
                .Select(Vote.Parse)
                .Where(v => v is not null && now - v.Value.At < silo.Options.VoteExpiry && v.Value.Voter != silo.Address.ToString())
                .Select(v => v!.Value)
                .Append(new Vote(silo.Address.ToString(), now))
                .ToList();
            var others = snapshot.Silos.Count(s => s.Status == SiloStatus.Active && s.Address != suspect);
            var declare = votes.Count >= Math.Max(1, Math.Min(silo.Options.VotesToDeclareDead, others));
            var updated = row with
            {
                Status = declare ? SiloStatus.Dead : row.Status,
                SuspectedBy = [.. votes.Select(v => v.ToString())],
            };
            if (await table.TryWriteAsync(updated, snapshot.Version).ConfigureAwait(false))
            {
                if (declare)
                {
                    silo.Log.DeclaredOtherDead(suspect, votes.Count);
                }

                await silo.RefreshMembershipAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private readonly record struct Vote(string Voter, DateTimeOffset At)
    {
        public override string ToString() => $"{Voter}|{At.ToUnixTimeMilliseconds()}";

        public static Vote? Parse(string text)
        {
            var bar = text.LastIndexOf('|');
            return bar > 0 && long.TryParse(text.AsSpan(bar + 1), out var ms) ? new Vote(text[..bar], DateTimeOffset.FromUnixTimeMilliseconds(ms)) : null;
        }
    }
}
