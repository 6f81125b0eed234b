using System.Collections.Concurrent;
using GrainCompute.Runtime.Testing;
using GrainCompute.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace GrainCompute.Runtime.Tests.Filters;

public sealed class GrainCallFilterTests
{
    [Fact]
    public async Task Filters_run_in_order_around_every_call_and_see_results_and_exceptions()
    {
        var seen = new ConcurrentQueue<string>();
        await using var cluster = await InProcessTestCluster.StartAsync(
            1,
            o => o.GrainAssemblies.Add(typeof(CounterGrain).Assembly),
            services =>
            {
                services.AddSingleton<IGrainCallFilter>(new RecordingFilter("outer", seen));
                services.AddSingleton<IGrainCallFilter>(new RecordingFilter("inner", seen));
            });
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("filtered");

        Assert.Equal(1, await grain.IncrementSlowly());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Fail("boom"));

        Assert.Equal(
            [
                "outer>IncrementSlowly", "inner>IncrementSlowly", "inner<1", "outer<1",
                "outer>Fail", "inner>Fail", "inner!ArgumentOutOfRangeException", "outer!ArgumentOutOfRangeException",
            ],
            seen);
    }

    private sealed class RecordingFilter(string name, ConcurrentQueue<string> seen) : IGrainCallFilter
    {
        public async Task InvokeAsync(GrainCallContext context, Func<Task> next)
        {
            seen.Enqueue($"{name}>{context.Method.Name}");
            try
            {
                await next();
                seen.Enqueue($"{name}<{context.Result}");
            }
            catch (Exception exception)
            {
                seen.Enqueue($"{name}!{exception.GetType().Name}");
                throw;
            }
        }
    }
}
