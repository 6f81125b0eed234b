using System.Net;
using GrainCompute.Runtime.Activation;
using GrainCompute.Runtime.Calls;
using GrainCompute.Runtime.Membership;
using GrainCompute.Runtime.Messaging;
using GrainCompute.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GrainCompute.Runtime.Hosting;

/// <summary>
/// A silo: hosts grain activations, routes calls to them wherever they live, and keeps its place in the
/// cluster's membership. Start it with <see cref="StartAsync"/>; stop it gracefully with <see cref="StopAsync"/>.
/// </summary>
public sealed class Silo : IAsyncDisposable
{
    private readonly PendingCalls _pending;
    private readonly MessageCenter _messages;
    private readonly MembershipAgent _membership;
    private readonly PlacementDirector _placement;
    private readonly FailureDetector _failureDetector;
    private readonly CancellationTokenSource _stopped = new();
    private ITimer? _timeoutSweep;
    private ITimer? _collectionSweep;
    private int _collecting;

    public Silo(SiloOptions options, ISiloTransport transport, IMembershipTable membership, IServiceProvider services)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        Options = options;
        Services = services;
        TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        Log = new SiloLog((services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<Silo>());
        Metrics = new SiloMetrics(options.SiloName);
        CallFilters = [.. services.GetServices<IGrainCallFilter>()];
        Catalog = new Catalog(this, new GrainClassRegistry(GrainClassRegistry.FindIn(options.GrainAssemblies.Append(typeof(Silo).Assembly).Distinct())));
        GrainFactory = new GrainFactory(this);
        _pending = new PendingCalls(TimeProvider);
        _messages = new MessageCenter(this, transport, _pending);
        _membership = new MembershipAgent(this, membership);
        _failureDetector = new FailureDetector(this, membership);
        _placement = new PlacementDirector(Address, () => _membership.View, silo => _membership.View.Find(silo)?.WorkerSlots ?? 1);
    }

    public SiloOptions Options { get; }

    /// <summary>Set by <see cref="StartAsync"/>, once the listener's real port is known.</summary>
    public SiloAddress Address { get; private set; } = new("0.0.0.0", 0, 0);

    public SiloStatus Status { get; private set; } = SiloStatus.Joining;

    public IGrainFactory GrainFactory { get; }

    /// <summary>This silo's current view of the cluster.</summary>
    public ClusterView View => _membership.View;

    /// <summary>Cancelled when the silo stops, gracefully or not (also when the cluster declared it dead).</summary>
    public CancellationToken Stopped => _stopped.Token;

    public IServiceProvider Services { get; }

    internal TimeProvider TimeProvider { get; }

    internal SiloLog Log { get; }

    internal SiloMetrics Metrics { get; }

    internal IReadOnlyList<IGrainCallFilter> CallFilters { get; }

    internal Catalog Catalog { get; }

    internal int PendingCallCount => _pending.Count;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ReserveThreadsForWorkerSlots();
        var bound = (IPEndPoint)await _messages.ListenAsync(new IPEndPoint(IPAddress.Parse(Options.ListenAddress), Options.SiloPort), cancellationToken).ConfigureAwait(false);
        var generation = TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1000 + Random.Shared.Next(1000);
        Address = new SiloAddress(Options.AdvertisedAddress ?? Options.ListenAddress, bound.Port, generation);
        _placement.Self = Address;
        _timeoutSweep = TimeProvider.CreateTimer(_ => _pending.FailExpired(), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        _collectionSweep = TimeProvider.CreateTimer(_ => _ = CollectIdleAsync(), null, Options.CollectionQuantum, Options.CollectionQuantum);
        try
        {
            await _membership.JoinAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ShutDownAsync().ConfigureAwait(false);
            throw;
        }

        Status = SiloStatus.Active;
        if (Options.FailureDetection)
        {
            _failureDetector.Start();
        }

        Log.Started(Address, Options.SiloName, Options.ClusterId);
        foreach (var participant in Services.GetServices<ISiloLifecycleParticipant>())
        {
            await participant.OnSiloActiveAsync(this, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A CPU chunk holds its pool thread for its whole run. With no more pool threads than worker slots (one core
    /// per silo gives one thread), messaging and job grains wait for the pool's slow thread injection and the
    /// silo's cores idle between chunks, so keep a few threads beyond the slots.
    /// </summary>
    private void ReserveThreadsForWorkerSlots()
    {
        ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, Options.WorkerSlots + 4), ioThreads);
    }

    /// <summary>
    /// Graceful shutdown: leaves the active set (new calls go to other silos), lets in-flight work finish
    /// within <see cref="SiloOptions.DrainTimeout"/>, deactivates every grain, then says it is dead.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Status >= SiloStatus.ShuttingDown)
        {
            return;
        }

        Status = SiloStatus.ShuttingDown;
        _failureDetector.Stop();
        Log.Stopping(Address);
        foreach (var participant in Services.GetServices<ISiloLifecycleParticipant>())
        {
            await participant.OnSiloStoppingAsync(this, cancellationToken).ConfigureAwait(false);
        }

        await _membership.LeaveAsync(SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
        await Catalog.DrainAsync(Options.DrainTimeout, cancellationToken).ConfigureAwait(false);
        await Catalog.DeactivateAllAsync().ConfigureAwait(false);
        await _membership.LeaveAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
        await ShutDownAsync().ConfigureAwait(false);
        Log.Stopped(Address);
    }

    /// <summary>Stops abruptly, as a crash would: connections drop, nothing is drained, the membership row stays as it was.</summary>
    public async Task KillAsync()
    {
        if (Status == SiloStatus.Dead)
        {
            return;
        }

        _membership.StopRefreshing();
        await ShutDownAsync().ConfigureAwait(false);
    }

    /// <summary>Re-reads membership now instead of at the next refresh period.</summary>
    public Task RefreshMembershipAsync(CancellationToken cancellationToken = default) => _membership.RefreshAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Status == SiloStatus.Active)
        {
            await StopAsync().ConfigureAwait(false);
        }
        else
        {
            await KillAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Where this silo's placement puts an ordinary grain now.</summary>
    internal SiloAddress OwnerOf(GrainId id) => _placement.OwnerOf(id);

    /// <summary>Calls <paramref name="method"/> on grain <paramref name="target"/> wherever placement puts it.</summary>
    internal Task<object?> InvokeAsync(GrainId target, GrainMethod method, object?[] arguments, int forwardCount = 0)
    {
        if (Status == SiloStatus.Dead)
        {
            return Task.FromException<object?>(new SiloUnavailableException($"Silo {Address} is stopped; it makes no more calls."));
        }

        Catalog.Classes.TryResolve(target.Type, out var grainClass);
        var silo = _placement.Place(target, grainClass);
        var timeout = GrainCallOptions.Timeout ?? method.Timeout ?? Options.ResponseTimeout;
        var call = _pending.Register(target, method, silo, timeout);
        var remote = silo != Address;
        Metrics.CallMade(remote);
        if (!remote)
        {
            Catalog.Dispatch(target, new LocalCall(call, _pending, arguments));
        }
        else if (!_messages.Send(silo, call, arguments, forwardCount))
        {
            _pending.Fail(call, new SiloUnavailableException($"Connection to silo {silo} is closed."));
        }

        if (grainClass?.StatelessWorker?.Placement == WorkerPlacement.AcrossSilos)
        {
            call.Task.ContinueWith(static (_, state) => ((Action)state!)(), (Action)(() => _placement.Completed(target, silo)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return call.Task;
    }

    /// <summary>A request from another silo: run it here, or forward it if membership now puts its grain elsewhere.</summary>
    internal void DeliverRemote(RemoteCall call)
    {
        if (Status is SiloStatus.Dead)
        {
            call.Fail(new SiloUnavailableException($"Silo {Address} is stopped."));
            return;
        }

        Catalog.Classes.TryResolve(call.Target.Type, out var grainClass);
        if (grainClass?.StatelessWorker is null && grainClass?.SiloBound != true && call.ForwardCount < 2 && _placement.OwnerOf(call.Target) != Address)
        {
            _ = ForwardAsync(call);
            return;
        }

        Catalog.Dispatch(call.Target, call);
    }

    internal void OnSiloLeft(SiloAddress gone)
    {
        Log.SiloLeft(gone);
        _messages.Disconnect(gone);
    }

    internal void OnDeclaredDead()
    {
        if (Status == SiloStatus.Dead)
        {
            return;
        }

        Log.DeclaredDead(Address);
        _ = KillAsync();
    }

    private async Task ForwardAsync(RemoteCall call)
    {
        try
        {
            call.Complete(await InvokeAsync(call.Target, call.Method, call.Arguments, call.ForwardCount + 1).ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            call.Fail(exception);
        }
    }

    private async Task CollectIdleAsync()
    {
        if (Interlocked.Exchange(ref _collecting, 1) == 1)
        {
            return;
        }

        try
        {
            await Catalog.CollectIdleAsync(Options.CollectionAge, Options.StatelessWorkerIdleTime).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _collecting, 0);
        }
    }

    private async Task ShutDownAsync()
    {
        Status = SiloStatus.Dead;
        _failureDetector.Stop();
        _membership.StopRefreshing();
        _timeoutSweep?.Dispose();
        _collectionSweep?.Dispose();
        await _messages.StopAsync().ConfigureAwait(false);
        await _stopped.CancelAsync().ConfigureAwait(false);
    }
}
