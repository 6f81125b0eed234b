using System.CommandLine;
using GrainCompute.Console.Cli;

// Ctrl+C (SIGINT) and SIGTERM cancel the command's token; `run` then cancels its job (best effort, up to 5 s) and
// exits 130. Without a timeout set here the signal ended the process at once and the job ran on.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(6) };
return await GrainComputeCli.Build().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
