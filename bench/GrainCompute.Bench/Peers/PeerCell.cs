namespace GrainCompute.Bench.Peers;

/// <summary>One contender's cell in a workload's row, with its ratios.</summary>
/// <param name="VersusLimit">Time ÷ the physical limit (native serial ÷ cores; for I/O one call's delay); null where none applies.</param>
/// <param name="VersusGrainCompute">Python peers: their time ÷ GrainCompute embedded's (futures, submit-all: GrainCompute's rate ÷ theirs), so above 1 means GrainCompute is faster.</param>
/// <param name="Agrees">Whether the result matches native C#'s.</param>
internal sealed record PeerCell(string Contender, bool IsPython, PeerMeasurement Measurement, double? VersusLimit, double? VersusGrainCompute, bool Agrees);
