using GrainCompute.Mpi.Examples.Examples;
using GrainCompute.Mpi.Examples.Serve;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: graincompute-mpi <example> [--option value …] [--json]   (run under mpiexec)");
    Console.WriteLine("       " + SidecarHost.Usage);
    foreach (var example in ExampleCatalog.All)
    {
        var options = string.Join(" ", example.Parameters.Select(p => $"[--{p.Name} {(p.IsPath ? "FILE" : p.Default)}]"));
        Console.WriteLine($"  {example.Name,-9} {example.Description}");
        if (options.Length > 0)
        {
            Console.WriteLine($"            {options}");
        }
    }

    return args.Length == 0 ? 2 : 0;
}

return args[0] == "serve"
    ? await SidecarHost.RunAsync(args[1..])
    : ExampleRunner.Run(args[0], args[1..]);
