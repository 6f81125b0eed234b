namespace GrainCompute.Bench.Peers;

/// <summary>One workload: every contender's cell and the physical limit they are held against.</summary>
internal sealed record PeerRow(PeerWorkload Workload, double? LimitSeconds, IReadOnlyList<PeerCell> Cells)
{
    public const string Embedded = "GrainCompute embedded";
    public const string OverHttp = "GrainCompute HTTP";
    public const string OverGateway = "GrainCompute via Orleans gateway";

    public PeerCell? Cell(string contender) => Cells.FirstOrDefault(c => c.Contender == contender);

    public double? Seconds(string contender) => Cell(contender) is { Measurement.Ran: true } cell ? cell.Measurement.Seconds : null;

    public double? Rate(string contender) => Cell(contender)?.Measurement.FuturesPerSecond;

    /// <summary>The fastest Python peer that ran: least time, or most futures/s.</summary>
    public PeerCell? FastestPython => Workload.IsRate
        ? Cells.Where(c => c.IsPython && c.Measurement.FuturesPerSecond is not null).MaxBy(c => c.Measurement.FuturesPerSecond)
        : Cells.Where(c => c.IsPython && c.Measurement.Ran && c.Measurement.Seconds is not null).MinBy(c => c.Measurement.Seconds);

    /// <summary>Builds the row: the limit from native serial, then each cell's ratios.</summary>
    public static PeerRow From(PeerWorkload workload, IReadOnlyList<(IPeerContender Contender, PeerMeasurement Measurement)> measured, int cores)
    {
        var serial = measured.First(m => m.Contender is NativeSerialContender).Measurement;
        double? limit = workload.Kind switch
        {
            PeerWorkloadKind.Cpu when serial.Median is { } s => s / cores,
            PeerWorkloadKind.Io => workload.Delay?.TotalSeconds,
            _ => null,
        };
        var embedded = measured.First(m => m.Contender.Name == Embedded).Measurement;
        var cells = measured.Select(m =>
        {
            var x = m.Measurement;
            double? vsLimit = limit is { } l && x.Ran && x.Seconds is { } t ? t / l : null;
            double? vsGc = null;
            if (m.Contender.IsPython && x.Ran)
            {
                vsGc = workload.IsRate
                    ? embedded.FuturesPerSecond / x.FuturesPerSecond
                    : x.Seconds / embedded.Seconds;
            }

            return new PeerCell(m.Contender.Name, m.Contender.IsPython, x, vsLimit, vsGc, PeerResults.Agrees(workload, serial.Result, x.Result));
        }).ToList();
        return new PeerRow(workload, limit, cells);
    }
}
