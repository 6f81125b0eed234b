using System.Text;
using GrainCompute.Mpi.Native;

namespace GrainCompute.Mpi;

/// <summary>
/// One MPI process's lifetime: <c>MPI_Init_thread</c> on create, <c>MPI_Finalize</c> on dispose.
/// </summary>
/// <remarks>
/// Design note. Failure model: a rank that dies without telling MPI leaves its peers blocked in a receive
/// or collective and mpiexec waiting for ever. So (1) <c>MPI_ERRORS_RETURN</c> is set on the world
/// communicator, turning every error code into an <see cref="MpiException"/> instead of Open MPI's default
/// abort-with-a-generic-message; (2) an unhandled exception on any thread calls <c>MPI_Abort</c>, which
/// makes mpiexec kill all ranks and exit non-zero; callers that catch at their top level call
/// <see cref="AbortOnException"/> for the same effect with the message on stderr.
/// MPI may be initialised once per process, hence one instance at a time.
/// </remarks>
public sealed unsafe class MpiEnvironment : IDisposable
{
    private static int _initialized;
    private readonly MpiLibrary _library;
    private bool _disposed;

    private MpiEnvironment(MpiLibrary library, MpiThreadLevel provided)
    {
        _library = library;
        ProvidedThreadLevel = provided;
        MpiErrors.Check(library.CommSetErrhandler(library.CommWorld, library.ErrorsReturn), "MPI_Comm_set_errhandler");
        World = new Communicator(library, library.CommWorld);
        ProcessorName = ReadProcessorName(library);
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
    }

    /// <summary>The thread level MPI granted (requested: <see cref="MpiThreadLevel.Multiple"/> by default).</summary>
    public MpiThreadLevel ProvidedThreadLevel { get; }

    /// <summary><c>MPI_COMM_WORLD</c> with <c>MPI_ERRORS_RETURN</c>.</summary>
    public Communicator World { get; }

    /// <summary><c>MPI_Get_processor_name</c>: usually the host name.</summary>
    public string ProcessorName { get; }

    /// <summary>The loaded library, e.g. <c>libmpi.so.40</c>.</summary>
    public string LibraryName => _library.Name;

    /// <summary>Initialises MPI; throws <see cref="DllNotFoundException"/> naming the package to install when libmpi is missing.</summary>
    public static MpiEnvironment Initialize(MpiThreadLevel requested = MpiThreadLevel.Multiple)
    {
        if (Interlocked.Exchange(ref _initialized, 1) != 0)
        {
            throw new InvalidOperationException("MPI can be initialized once per process");
        }

        var library = MpiLibrary.Shared;
        int provided;

        // MPI-2 allows null argc/argv; Open MPI then reads its settings from the environment mpiexec set.
        MpiErrors.Check(library.InitThread(null, null, (int)requested, &provided), "MPI_Init_thread");
        return new MpiEnvironment(library, (MpiThreadLevel)provided);
    }

    /// <summary>Seconds since an arbitrary time in the past, per rank (<c>MPI_Wtime</c>).</summary>
    public double Wtime() => _library.Wtime();

    /// <summary>Writes the exception to stderr with this rank's number, then aborts the whole job. Never returns.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void AbortOnException(Exception exception, int errorCode = 1)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Console.Out.Flush();
        Console.Error.WriteLine($"rank {World.Rank}: {exception.GetType().Name}: {exception.Message}");
        Console.Error.Flush();
        World.Abort(errorCode);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        int finalized;
        if (_library.Finalized(&finalized) == OpenMpiAbi.Success && finalized == 0)
        {
            MpiErrors.Check(_library.FinalizeMpi(), "MPI_Finalize");
        }
    }

    private static string ReadProcessorName(MpiLibrary library)
    {
        var buffer = stackalloc byte[OpenMpiAbi.MaxProcessorName];
        int length;
        MpiErrors.Check(library.GetProcessorName(buffer, &length), "MPI_Get_processor_name");
        return Encoding.UTF8.GetString(buffer, length);
    }

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs e) =>
        AbortOnException(e.ExceptionObject as Exception ?? new InvalidOperationException(e.ExceptionObject?.ToString()));
}
