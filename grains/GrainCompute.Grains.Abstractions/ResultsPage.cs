namespace GrainCompute.Grains;

/// <summary>One item's result: its value as JSON, or why it has none.</summary>
/// <param name="Index">Input position.</param>
/// <param name="Seq">Completion sequence number of the chunk that produced it (increasing in completion order; not dense).</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.ResultItem")]
public sealed record ResultItem(long Index, long Seq, string? ValueJson, string? Error);

/// <summary>A page of results in one order; read the next page from <see cref="NextOffset"/>.</summary>
/// <param name="Complete">No item will ever follow <see cref="NextOffset"/> in this order.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.ResultsPage")]
public sealed record ResultsPage(IReadOnlyList<ResultItem> Items, long NextOffset, bool Complete);
