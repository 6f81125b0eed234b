using System.CommandLine;
using System.Globalization;
using GrainCompute.Console.Cli;
using GrainCompute.Server.Security;

namespace GrainCompute.Console.Commands;

/// <summary>`graincompute certs create`: a development CA with a silo and a client certificate, for Cluster:Tls.</summary>
internal static class CertsCommand
{
    private static readonly string[] Files = ["ca.crt", "ca.key", "silo.crt", "silo.key", "client.crt", "client.key"];

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write ca.crt/.key, silo.crt/.key and client.crt/.key to (made if missing).", Required = true };
        var days = new Option<int>("--days") { Description = "Days the certificates are valid.", DefaultValueFactory = _ => 365 };
        var names = new Option<string[]>("--name") { Description = "A DNS name or IP address the silo certificate also names (repeatable); localhost and 127.0.0.1 always.", AllowMultipleArgumentsPerToken = true };
        var force = new Option<bool>("--force") { Description = "Overwrite certificates already in --out." };
        var create = new Command("create", """
            Make a development CA, a silo certificate (server and client authentication) and a client certificate
            (client authentication) it issued, as PEM files. Give every silo silo.crt, silo.key and ca.crt
            (Cluster:Tls:CertificatePath, KeyPath, CaPath); an Orleans client gets client.crt, client.key and ca.crt.
            ca.key signs more certificates: keep it out of the cluster. For production use your own CA.

            Examples:
              graincompute certs create --out ./certs
              kubectl -n graincompute create secret generic graincompute-cluster-tls \
                --from-file=tls.crt=certs/silo.crt --from-file=tls.key=certs/silo.key --from-file=ca.crt=certs/ca.crt
            """) { output, days, names, force };
        create.SetGuardedAction((parse, _) =>
        {
            var folder = parse.GetValue(output)!;
            var validity = parse.GetValue(days);
            if (validity is < 1 or > 3650)
            {
                throw new UsageException($"--days must be 1..3650, not {validity}");
            }

            if (!parse.GetValue(force) && Files.FirstOrDefault(f => File.Exists(Path.Combine(folder.FullName, f))) is { } existing)
            {
                throw new UsageException($"{Path.Combine(folder.FullName, existing)} exists; pass --force to overwrite it, or another --out");
            }

            try
            {
                folder.Create();
                var span = TimeSpan.FromDays(validity);
                using var authority = DevelopmentCertificates.CreateAuthority("GrainCompute development CA", span);
                DevelopmentCertificates.WritePem(authority.Authority, folder.FullName, "ca");

                using (var silo = authority.IssueSilo("graincompute-silo", parse.GetValue(names) ?? [], span))
                {
                    DevelopmentCertificates.WritePem(silo, folder.FullName, "silo");
                }

                using (var client = authority.IssueClient("graincompute-client", span))
                {
                    DevelopmentCertificates.WritePem(client, folder.FullName, "client");
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new UsageException($"cannot write certificates to {folder.FullName}: {exception.Message}");
            }

            System.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {string.Join(", ", Files)} to {folder.FullName} (valid {validity} days)"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return new Command("certs", "Certificates for mutual TLS between silos and clients (Cluster:Tls, docs/security.md).") { create };
    }
}
