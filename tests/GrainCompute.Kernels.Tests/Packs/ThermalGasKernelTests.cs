using System.Text.Json;
using GrainCompute.Samples.ThermalGas;

namespace GrainCompute.Kernels.Tests.Packs;

public sealed class ThermalGasKernelTests
{
    // A 1 cm box with dt long enough for several wall hits per step: the fold must handle them all.
    private const string _bouncy = """{"particles": 200, "steps": 500, "boxSize": 0.01, "timeStep": 1e-4, "trajectories": 10, "seed": 5}""";

    private static readonly IKernel _kernel = new ThermalGasKernel();

    private static async Task<(ThermalGasResult Result, ParticleTrack[] Tracks, List<byte[]> Payloads)> RunAsync(string json, int chunkSize = 0)
    {
        var parameters = KernelHarness.Bind(_kernel, json);
        var payloads = await KernelHarness.RunAsync(_kernel, parameters, chunkSize);
        var tracks = payloads.SelectMany(p => ItemCodec<byte[]>.Decode(p)).Select(item => ParticleTrack.Decode(item)).ToArray();
        return ((ThermalGasResult)_kernel.Reduce(parameters, payloads)!, tracks, payloads);
    }

    [Fact]
    public async Task Defaults_are_nitrogen_at_300_K_in_a_1_m_box_with_a_step_of_a_hundredth_crossing()
    {
        var (result, tracks, _) = await RunAsync("{}");

        var setup = result.Setup;
        Assert.Equal(1000, tracks.Length);
        Assert.Equal(101, tracks[0].FrameCount);
        Assert.Equal(4.6517e-26, setup.MassKg, 1e-29);
        Assert.Equal(298.4, setup.MostProbableSpeed, 0.1); // √(kT/m) for N₂ at 300 K
        Assert.Equal(1.0 / 100 / setup.MostProbableSpeed, setup.TimeStep, 1e-12);
        Assert.Equal(100 * setup.TimeStep, setup.Duration, 1e-12);
        Assert.Equal(100, result.Trajectories.Particles.Count);
        Assert.Equal(101, result.Trajectories.Times.Length);
    }

    [Fact]
    public async Task Every_particle_keeps_its_speed_at_every_recorded_frame()
    {
        var (result, tracks, _) = await RunAsync(_bouncy);

        foreach (var track in tracks)
        {
            for (var f = 0; f < track.FrameCount; f++)
            {
                // Walls only flip components: |vx| and |vy| are bit-for-bit what they were, and so is the energy.
                Assert.Equal(Math.Abs(track.Vx(0)), Math.Abs(track.Vx(f)));
                Assert.Equal(Math.Abs(track.Vy(0)), Math.Abs(track.Vy(f)));
                Assert.Equal(track.Speed, double.Hypot(track.Vx(f), track.Vy(f)), track.Speed * 1e-12);
            }
        }

        Assert.InRange(result.Checks.MaxRelativeSpeedChange, 0, 1e-14);
    }

    [Fact]
    public async Task Every_recorded_position_stays_inside_the_box_even_with_several_bounces_per_step()
    {
        var (result, tracks, _) = await RunAsync(_bouncy);

        foreach (var track in tracks)
        {
            for (var f = 0; f < track.FrameCount; f++)
            {
                Assert.InRange(track.X(f), 0, 0.01);
                Assert.InRange(track.Y(f), 0, 0.01);
            }
        }

        Assert.Equal(0, result.Checks.PositionsOutsideBox);
        Assert.True(result.Checks.WallHits > 200L * 500 * 2, $"expected several wall hits per step, got {result.Checks.WallHits}");
    }

    [Fact]
    public async Task Positions_are_straight_line_motion_mirrored_by_the_walls()
    {
        var (result, tracks, _) = await RunAsync(_bouncy);

        // Unfolded, a free particle moves in a straight line: x(t) = mirror(x₀ + vx₀ t) with period 2L.
        static double Mirror(double p, double side)
        {
            var u = p - (2 * side * Math.Floor(p / (2 * side)));
            return u > side ? (2 * side) - u : u;
        }

        var times = result.Trajectories.Times;
        foreach (var track in tracks)
        {
            for (var f = 0; f < track.FrameCount; f++)
            {
                Assert.Equal(Mirror(track.X(0) + (track.Vx(0) * times[f]), 0.01), track.X(f), 1e-9);
                Assert.Equal(Mirror(track.Y(0) + (track.Vy(0) * times[f]), 0.01), track.Y(f), 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(0.3, 1, 0.3, false, 0)]
    [InlineData(1.25, 1, 0.75, true, 1)]
    [InlineData(-0.4, 1, 0.4, true, 1)]
    [InlineData(2.3, 1, 0.3, false, 2)] // off the right wall, off the left, and on to the right again
    [InlineData(-3.5, 1, 0.5, false, 4)]
    [InlineData(7.75, 2, 0.25, true, 3)]
    public void A_fold_reflects_every_wall_crossed_in_one_step(double position, double side, double folded, bool flipped, long hits)
    {
        var velocity = 1.0;

        Assert.Equal(hits, Walls.Fold(ref position, ref velocity, side));
        Assert.Equal(folded, position, 1e-12);
        Assert.Equal(flipped ? -1.0 : 1.0, velocity);
    }

    [Fact]
    public async Task Speeds_follow_the_2D_Maxwell_Boltzmann_law()
    {
        var (result, _, _) = await RunAsync("""{"particles": 20000, "steps": 1, "trajectories": 0, "bins": 40, "seed": 11}""");

        var histogram = result.Histogram;
        Assert.Equal(20000, histogram.Counts.Sum() + histogram.Overflow);
        Assert.True(histogram.KsPValue > 1e-3, $"KS D = {histogram.KsStatistic}, p = {histogram.KsPValue}");
        Assert.True(histogram.ChiSquarePValue > 1e-3, $"χ² = {histogram.ChiSquare} on {histogram.DegreesOfFreedom} dof, p = {histogram.ChiSquarePValue}");

        // ⟨½mv²⟩ = kT in 2-D, kT/2 per component; σ of the mean is kT/√N for the exponential energies.
        Assert.Equal(1, result.Checks.KineticEnergyOverKT, 0.03);
        Assert.Equal(1, result.Checks.EquipartitionX, 0.05);
        Assert.Equal(1, result.Checks.EquipartitionY, 0.05);
        Assert.Equal(result.Setup.MeanSpeed, result.Checks.MeanSpeed, result.Setup.MeanSpeed * 0.01);
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("3-D Maxwell–Boltzmann")]
    [InlineData("2-D at 330 K")]
    public void The_fit_rejects_speeds_from_a_wrong_law(string law)
    {
        var mb = new MaxwellBoltzmann2D(28.0134 * 1.66053906892e-27, 300);
        var sigma = mb.MostProbableSpeed;
        var warmer = new MaxwellBoltzmann2D(mb.Mass, 330);
        var speeds = new double[20000];
        for (var i = 0; i < speeds.Length; i++)
        {
            var random = new BlockRandom(11, i);
            speeds[i] = law switch
            {
                "uniform" => 2 * mb.MeanSpeed * random.NextDouble(), // the same mean speed
                "3-D Maxwell–Boltzmann" => sigma * Math.Sqrt(Gaussian(ref random, 3)), // the same kT/m
                _ => warmer.Quantile(random.NextDouble()),
            };
        }

        var histogram = SpeedHistogram.Measure(speeds, mb, 40, 4 * sigma);

        Assert.True(histogram.KsPValue < 1e-6, $"KS p = {histogram.KsPValue}");
        Assert.True(histogram.ChiSquarePValue < 1e-6, $"χ² p = {histogram.ChiSquarePValue}");
    }

    [Theory]
    [InlineData(3.841459, 1, 0.05)]
    [InlineData(18.307038, 10, 0.05)]
    [InlineData(10, 10, 0.440493)]
    [InlineData(55.758, 40, 0.05)]
    public void Chi_square_tails_match_the_tables(double chiSquare, int dof, double p)
    {
        Assert.Equal(p, Statistics.ChiSquareSurvival(chiSquare, dof), 1e-4);
    }

    [Theory]
    [InlineData(1.3581, 0.05)]
    [InlineData(1.2238, 0.10)]
    [InlineData(1.6276, 0.01)]
    [InlineData(0.8276, 0.50)]
    public void Kolmogorov_tails_match_the_tables(double lambda, double p)
    {
        // For large n the Stephens correction vanishes and D√n = λ.
        const long n = 100_000_000;
        Assert.Equal(p, Statistics.KolmogorovSurvival(lambda / Math.Sqrt(n), n), 1e-3);
    }

    [Fact]
    public async Task The_walls_feel_the_ideal_gas_pressure()
    {
        // ~10 crossings each: the momentum the walls take per time per length is NkT/L² (2-D ideal gas).
        var (result, _, _) = await RunAsync("""{"particles": 2000, "steps": 1000, "recordEvery": 1000, "trajectories": 0, "seed": 3}""");

        Assert.Equal(1, result.Checks.PressureOverIdealGas, 0.05);

        // Most of that spread is the sample's own energy; against N⟨½mv²⟩/L² only the finite time remains.
        Assert.Equal(1, result.Checks.PressureOverIdealGas / result.Checks.KineticEnergyOverKT, 0.02);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task Results_are_the_same_however_the_particles_are_chunked(int chunkSize)
    {
        const string json = """{"particles": 300, "steps": 200, "trajectories": 20, "seed": 9}""";

        var (whole, _, wholePayloads) = await RunAsync(json);
        var (chunked, _, chunkedPayloads) = await RunAsync(json, chunkSize);

        Assert.Equal(
            wholePayloads.SelectMany(p => ItemCodec<byte[]>.Decode(p)).SelectMany(item => item),
            chunkedPayloads.SelectMany(p => ItemCodec<byte[]>.Decode(p)).SelectMany(item => item));
        Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(chunked));
    }

    [Fact]
    public async Task The_result_keeps_the_first_trajectories_and_serializes_to_json()
    {
        var (result, tracks, _) = await RunAsync("""{"particles": 8, "steps": 30, "recordEvery": 3, "trajectories": 1000}""");

        Assert.Equal(8, result.Trajectories.Particles.Count); // at most the particles there are
        Assert.Equal(11, result.Trajectories.Times.Length);
        for (var i = 0; i < 8; i++)
        {
            var trajectory = result.Trajectories.Particles[i];
            Assert.Equal(i, trajectory.Index);
            Assert.Equal(tracks[i].Speed, trajectory.Speed);
            Assert.Equal(Enumerable.Range(0, 11).Select(tracks[i].X), trajectory.X);
            Assert.Equal(Enumerable.Range(0, 11).Select(tracks[i].Y), trajectory.Y);
        }

        var json = JsonSerializer.Serialize<object?>(result, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Contains("\"kineticEnergyOverKT\":", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"particles": 0}""", "particles")]
    [InlineData("""{"particles": 2000000}""", "particles")]
    [InlineData("""{"particles": "10"}""", "particles")]
    [InlineData("""{"temperature": 0}""", "temperature")]
    [InlineData("""{"temperature": -300}""", "temperature")]
    [InlineData("""{"mass": 0}""", "mass")]
    [InlineData("""{"boxSize": 0}""", "boxSize")]
    [InlineData("""{"boxSize": 1e6}""", "boxSize")]
    [InlineData("""{"steps": 0}""", "steps")]
    [InlineData("""{"steps": 10, "recordEvery": 11}""", "recordEvery")]
    [InlineData("""{"recordEvery": 0}""", "recordEvery")]
    [InlineData("""{"timeStep": 0}""", "timeStep")]
    [InlineData("""{"timeStep": -1e-5}""", "timeStep")]
    [InlineData("""{"timeStep": 1000}""", "timeStep")]
    [InlineData("""{"trajectories": -1}""", "trajectories")]
    [InlineData("""{"trajectories": 1001}""", "trajectories")]
    [InlineData("""{"bins": 0}""", "bins")]
    [InlineData("""{"maxSpeed": 0}""", "maxSpeed")]
    [InlineData("""{"particles": 100000, "steps": 100}""", "particles")] // 10^7 recorded points
    [InlineData("""{"particles": 1000, "steps": 1000, "trajectories": 1000}""", "trajectories")] // 10^6 points in the result
    [InlineData("""{"particles": 1000000, "steps": 1000000, "recordEvery": 1000000}""", "steps")] // 10^12 particle steps
    [InlineData("""{"temp": 300}""", "temp")]
    public void Out_of_range_parameters_name_their_field(string json, string field)
    {
        var error = Assert.Throws<KernelParameterException>(() => KernelHarness.Bind(_kernel, json));

        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suggested_chunk_ships_at_most_a_few_megabytes()
    {
        foreach (var json in new[] { "{}", """{"particles": 900, "steps": 4000, "trajectories": 20}""", """{"particles": 100000, "steps": 10000, "recordEvery": 10000}""" })
        {
            var parameters = KernelHarness.Bind(_kernel, json);
            var frames = ((ThermalGasParameters)parameters).Frames;
            var chunkBytes = _kernel.SuggestChunkSize(parameters) * (28 + (32 * frames));
            Assert.InRange(chunkBytes, 1, 16 << 20);
        }
    }

    [Fact]
    public async Task The_built_pack_loads_and_runs_as_a_silo_loads_it()
    {
        var kernel = Assert.Single(KernelPackLoader.Load([typeof(ThermalGasKernel).Assembly.Location], KernelCatalog.Default.Names)).Kernel;

        Assert.Equal("thermal-gas", kernel.Name);
        var parameters = KernelHarness.Bind(kernel, """{"particles": 10, "steps": 5}""");
        var result = kernel.Reduce(parameters, await KernelHarness.RunAsync(kernel, parameters, 3));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        Assert.Equal(10, json.RootElement.GetProperty("setup").GetProperty("particles").GetInt32());
    }

    /// <summary>A sum of <paramref name="count"/> squared standard normals (Box–Muller).</summary>
    private static double Gaussian(ref BlockRandom random, int count)
    {
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var z = radius * Math.Cos(2 * Math.PI * random.NextDouble());
            sum += z * z;
        }

        return sum;
    }
}
