using System.CommandLine;
using GrainCompute.Console.Commands;

namespace GrainCompute.Console.Cli;

/// <summary>The `graincompute` command tree.</summary>
internal static class GrainComputeCli
{
#if HTTP_ONLY
    private const string Description = """
        GrainCompute client: run kernels on a GrainCompute cluster, follow jobs, read results.

        This is the HTTP-only build (Native AOT): every command talks to a cluster's HTTP API, given with --cluster
        (or GRAINCOMPUTE_CLUSTER); `submit`, `jobs` and `cluster` default to http://127.0.0.1:8080. The full build
        (dotnet publish without -p:PublishAot) also starts an embedded silo, uses Orleans gateways (--gateway) and has
        `certs`.

        Examples:
          graincompute run sumprimes --param numbers=[100000,200000,300000] --cluster http://10.0.0.5:8080
          graincompute run julia --cluster http://10.0.0.5:8080 --json
        """;
#else
    private const string Description = """
        GrainCompute client: run kernels on a GrainCompute cluster, follow jobs, read results.

        Without --cluster (or GRAINCOMPUTE_CLUSTER), `run`, `kernels` and `demo` start a one-silo cluster in
        this process; `submit`, `jobs` and `cluster` talk to http://127.0.0.1:8080.

        Transport: --gateway host:port (an Orleans gateway, Silo:GatewayPort) is used first when given: jobs go
        straight to the grains, completions are pushed. If it lets no client in and --cluster is given too, the
        HTTP API is used instead (through proxies, Kubernetes Services, firewalls). --cluster-id names the
        silos' Silo:ClusterId for --gateway.

        Examples:
          graincompute demo
          graincompute run sumprimes --param numbers=[100000,200000,300000]
          graincompute run julia --cluster http://10.0.0.5:8080 --json
          graincompute run julia --gateway 10.0.0.5:30000 --cluster http://10.0.0.5:8080
        """;
#endif

    public static RootCommand Build()
    {
        var connection = new ConnectionOptions();
        var root = new RootCommand(Description);
        connection.AddTo(root);
        root.Subcommands.Add(KernelsCommand.Create(connection));
        root.Subcommands.Add(RunCommand.Create(connection));
        root.Subcommands.Add(SubmitCommand.Create(connection));
        root.Subcommands.Add(JobsCommand.Create(connection));
        root.Subcommands.Add(ClusterCommand.Create(connection));
        root.Subcommands.Add(DemoCommand.Create(connection));
#if !HTTP_ONLY
        root.Subcommands.Add(CertsCommand.Create()); // the silo's certificate code: not in the HTTP-only build
#endif
        return root;
    }
}
