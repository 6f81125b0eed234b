using GrainCompute.Client;
using GrainCompute.Samples;
using GrainCompute.Samples.ThermalGas;

// dotnet run --project samples/GrainCompute.Samples -- [sample …] [--cluster http://127.0.0.1:8080]
// No sample named: all of them. No cluster: an embedded silo, like ray.init(), serving the samples' kernel packs too;
// a cluster of your own needs the thermal-gas pack loaded for that sample.
var cluster = args.SkipWhile(a => a != "--cluster").Skip(1).FirstOrDefault();
var names = args.Where(a => a != "--cluster" && a != cluster).ToList();
var unknown = names.Where(n => !Seeds.All.ContainsKey(n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown sample {string.Join(", ", unknown)}; known: {string.Join(", ", Seeds.All.Keys)}");
    return 2;
}

await using var client = cluster is null ? await ComputeClient.StartLocalAsync(new LocalClusterOptions().AddKernel<ThermalGasKernel>()) : await ComputeClient.ConnectAsync([new Uri(cluster)]);
foreach (var name in names.Count > 0 ? names : Seeds.All.Keys.ToList())
{
    Console.WriteLine($"== {name}");
    await Seeds.All[name](client, Console.Out);
}

return 0;
