namespace GrainCompute.Bench.Soak;

/// <summary>One kill round of the soak: which silo went down, what the clients got done meanwhile, and the silos' memory.</summary>
/// <param name="EndSeconds">Seconds since the soak started when the round ended.</param>
/// <param name="SlotRestarted">The silo slot killed and replaced at the round's start (null: no kill, the first round).</param>
/// <param name="Killed">Address of the silo killed at the round's start.</param>
/// <param name="Started">Address of the silo started in its place.</param>
/// <param name="RssMiB">Resident memory of each silo slot at the round's end, MiB (null: the silo was not running).</param>
/// <param name="HeapMiB">
/// Each silo's managed heap after its last garbage collection, MiB (the runtime's <c>dotnet.gc.last_collection.heap.size</c>,
/// all generations, from its <c>/metrics</c>; null: not read). What a leak grows; RSS also grows while a server GC
/// keeps freed memory for later.
/// </param>
internal sealed record SoakRound(int Round, double EndSeconds, int? SlotRestarted, string? Killed, string? Started, long JobsCorrect, IReadOnlyList<double?> RssMiB, IReadOnlyList<double?> HeapMiB);
