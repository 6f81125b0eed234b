using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace GrainCompute.Service.Tests.Mpi;

/// <summary>
/// <c>graincompute-mpi serve</c> as a separate process on a free loopback port (<c>--port 0</c>; the address is read
/// from its "listening on" log line), with at most 4 ranks, one run at a time and no queue, so "busy" is easy to provoke.
/// </summary>
internal sealed partial class SidecarProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private SidecarProcess(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public static async Task<SidecarProcess> StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "graincompute-mpi.dll");
        Assert.True(File.Exists(dll), $"{dll} was expected: the test project references mpi/GrainCompute.Mpi.Examples");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "serve", "--port", "0", "--max-ranks", "4", "--max-concurrent", "1", "--queue", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Collect(output, listening, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(output, listening, e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"graincompute-mpi serve exited with {process.ExitCode}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var sidecar = new SidecarProcess(process, output, address);
            using var health = await sidecar.Http.GetAsync(new Uri("health", UriKind.Relative));
            Assert.True(health.IsSuccessStatusCode, $"the sidecar is unhealthy ({await health.Content.ReadAsStringAsync()}): install MPICH (apt-get install -y mpich libmpich-dev)");
            return sidecar;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"graincompute-mpi serve did not report its address: {exception.Message}; output:\n{Snapshot(output)}");
            throw;
        }
    }

    /// <summary>Runs the sidecar is executing now (its <c>GET /health</c>).</summary>
    public async Task<int> RunningAsync() =>
        (await Http.GetFromJsonAsync<JsonElement>(new Uri("health", UriKind.Relative))).GetProperty("running").GetInt32();

    public string Output => Snapshot(_output);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.KillTreeAsync();
        _process.Dispose();
    }

    private static void Collect(StringBuilder output, TaskCompletionSource<Uri> listening, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"MPI sidecar listening on (http://[0-9.]+:\d+)")]
    private static partial Regex ListeningLine();
}
