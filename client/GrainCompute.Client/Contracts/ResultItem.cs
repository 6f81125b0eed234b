using System.Text.Json;
using GrainCompute.Client.Transport;

namespace GrainCompute.Client;

/// <summary>One item's result: its value, or why it has none.</summary>
/// <param name="Index">Input position.</param>
/// <param name="Seq">Completion sequence of the chunk that produced it (increasing in completion order).</param>
public sealed record ResultItem(long Index, long Seq, JsonElement? Value, string? Error)
{
    public T? GetValue<T>() => Value is { } value ? value.Deserialize(ClientJson.Info<T>()) : default;
}

/// <summary>A page of results; read the next one from <see cref="NextOffset"/>.</summary>
/// <param name="Complete">No item will ever follow <see cref="NextOffset"/> in this order.</param>
public sealed record ResultsPage(IReadOnlyList<ResultItem> Items, long NextOffset, bool Complete);
