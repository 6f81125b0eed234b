using GrainCompute.Console.Cli;

return await GrainComputeCli.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
