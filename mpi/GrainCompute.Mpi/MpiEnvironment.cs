using MPI;

namespace GrainCompute.Mpi;

/// <summary>
/// One MPI process's lifetime on MPI.NET over MPICH: <c>MPI_Init_thread</c> on create, <c>MPI_Finalize</c> on dispose.
/// </summary>
/// <remarks>
/// Failure model: a rank that dies without telling MPI leaves its peers blocked in a receive or collective and
/// mpiexec waiting for ever. MPI.NET sets <c>MPI_ERRORS_RETURN</c> and turns error codes into exceptions
/// (an invalid rank is an <see cref="ArgumentException"/> carrying MPICH's error stack); an unhandled exception
/// on any thread calls <c>MPI_Abort</c> here, which makes Hydra kill all ranks and exit non-zero; callers that
/// catch at their top level call <see cref="AbortOnException"/> for the same effect with the message on stderr.
/// MPI may be initialised once per process, hence one instance at a time.
/// </remarks>
public sealed class MpiEnvironment : IDisposable
{
    private static readonly TimeSpan _outputGrace = TimeSpan.FromMilliseconds(250);
    private static int _initialized;
    private readonly MPI.Environment _environment;
    private bool _disposed;

    private MpiEnvironment(MPI.Environment environment)
    {
        _environment = environment;
        World = Communicator.world;

        // Per communicator in MPI.NET: every communicator an example uses must get it, or its object messages
        // fall back to BinaryFormatter and fail with PlatformNotSupportedException.
        // Splitting sends every object message through MPI.NET's worker threads and a polling receive: measured
        // here, ~25 ms a string round trip against ~10 µs unsplit. Unsplit, one serialized message stays < 2 GiB.
        foreach (var communicator in new Communicator[] { World, Communicator.self })
        {
            communicator.Serialization.Serializer = JsonMessageSerializer.Instance;
            communicator.SplitLargeObjects = false;
        }
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
    }

    /// <summary><c>MPI_COMM_WORLD</c>, its object messages on <see cref="JsonMessageSerializer"/>.</summary>
    public Intracommunicator World { get; }

    /// <summary>The thread level MPI granted (requested: <see cref="Threading.Multiple"/> by default).</summary>
    public static Threading ProvidedThreadLevel => MPI.Environment.Threading;

    /// <summary><c>MPI_Get_processor_name</c>: usually the host name.</summary>
    public static string ProcessorName => MPI.Environment.ProcessorName;

    /// <summary>The native library MPI.NET calls.</summary>
    public static string LibraryName => MpichLibrary.SoName;

    /// <summary>Initialises MPI; throws <see cref="DllNotFoundException"/> naming the package to install when libmpich is missing.</summary>
    public static MpiEnvironment Initialize(Threading requested = Threading.Multiple)
    {
        if (Interlocked.Exchange(ref _initialized, 1) != 0)
        {
            throw new InvalidOperationException("MPI can be initialized once per process");
        }

        MpichLibrary.Register();

        // No arguments for MPI to strip: Hydra passes its settings to the ranks through the environment.
        var arguments = Array.Empty<string>();
        return new MpiEnvironment(new MPI.Environment(ref arguments, requested));
    }

    /// <summary>Seconds since an arbitrary time in the past, per rank (<c>MPI_Wtime</c>).</summary>
    public static double Wtime() => MPI.Environment.Time;

    /// <summary>Writes the exception to stderr with this rank's number, then aborts the whole job. Never returns.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void AbortOnException(Exception exception, int errorCode = 1)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Console.Out.Flush();
        Console.Error.WriteLine($"rank {World.Rank}: {exception.GetType().Name}: {OneLine(exception.Message)}");
        Console.Error.Flush();

        // Hydra's proxy forwards a rank's output from a pipe; MPI_Abort makes it kill the job at once, and measured
        // here it sometimes drops the line just written. A moment's grace lets the proxy read it first.
        Thread.Sleep(_outputGrace);
        World.Abort(errorCode);

        // MPI_Abort does not return on MPICH; if it ever did, still never continue.
        System.Environment.Exit(errorCode);
        throw new InvalidOperationException("unreachable");
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        if (!MPI.Environment.Finalized)
        {
            _environment.Dispose();
        }
    }

    // MPICH's messages carry a multi-line error stack; one line keeps it with its rank in mpiexec's output.
    private static string OneLine(string message) =>
        string.Join(" | ", message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs e) =>
        AbortOnException(e.ExceptionObject as Exception ?? new InvalidOperationException(e.ExceptionObject?.ToString()));
}
