using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace GrainCompute.Client.Transport;

/// <summary>
/// Reads GET /api/jobs/{id}/results/stream (NDJSON, one item a line). The server ends the stream once no item
/// can follow; a stream that ends or breaks before that (a gateway restarting) is reopened at ?offset=delivered,
/// which the server answers with no gap and no duplicate. A clean end is confirmed with one page read, since a
/// dying gateway can also close the stream cleanly.
/// </summary>
internal static class ResultStream
{
    private const int MaxAttemptsWithoutProgress = 5;

    public static async IAsyncEnumerable<ResultItem> ReadAsync(Gateways gateways, string path, ResultOrder order, long offset, ComputeFuture job, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var delivered = offset;
        var attemptsWithoutProgress = 0;
        while (true)
        {
            var before = delivered;
            var channel = System.Threading.Channels.Channel.CreateBounded<ResultItem>(1024);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = PumpAsync(gateways, $"{path}&offset={delivered.ToString(CultureInfo.InvariantCulture)}", channel.Writer, stop.Token);
            try
            {
                await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    delivered++;
                    yield return item;
                }
            }
            finally
            {
                // The consumer may stop early: end this stream's request too. PumpAsync never throws.
                await stop.CancelAsync().ConfigureAwait(false);
                await reading.ConfigureAwait(false);
            }

            var broken = await reading.ConfigureAwait(false);
            if (broken is null)
            {
                var check = await job.ResultsPageAsync(order, delivered, 1, cancellationToken).ConfigureAwait(false);
                if (check.Complete && check.Items.Count == 0)
                {
                    yield break;
                }
            }

            attemptsWithoutProgress = delivered > before ? 0 : attemptsWithoutProgress + 1;
            if (attemptsWithoutProgress >= MaxAttemptsWithoutProgress)
            {
                throw new ComputeUnreachableException($"the results stream of job '{job.Id}' broke {MaxAttemptsWithoutProgress} times without progress at offset {delivered}: {broken?.Message ?? "ended early"}", broken ?? new IOException("stream ended early"));
            }

            // Back off a little before reopening, so a restarting gateway is not hammered.
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attemptsWithoutProgress), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies one stream's items into <paramref name="writer"/>; returns the error that broke it, or null when it ended.</summary>
    private static async Task<Exception?> PumpAsync(Gateways gateways, string path, System.Threading.Channels.ChannelWriter<ResultItem> writer, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await gateways.SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, path);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
                    return request;
                },
                HttpCompletionOption.ResponseHeadersRead,
                cancellationToken).ConfigureAwait(false);
            await Gateways.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                using var reader = new StreamReader(body);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.Length > 0)
                    {
                        await writer.WriteAsync(JsonSerializer.Deserialize(line, ClientJson.Info<ResultItem>())!, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            writer.Complete();
            return null;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or ComputeUnreachableException && !cancellationToken.IsCancellationRequested)
        {
            writer.Complete();
            return exception;
        }
        catch (Exception exception)
        {
            // Anything else (problem details, cancellation) is the caller's to see.
            writer.Complete(exception);
            return null;
        }
    }
}
