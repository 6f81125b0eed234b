using GrainCompute.Server.Hosting;

try
{
    var app = SiloHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (SiloConfigurationException exception)
{
    foreach (var problem in exception.Problems)
    {
        await Console.Error.WriteLineAsync($"graincompute-silo: {problem}");
    }

    return 2;
}
catch (IOException exception) when (exception.InnerException is System.Net.Sockets.SocketException || exception.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
{
    await Console.Error.WriteLineAsync($"graincompute-silo: cannot listen: {exception.Message}");
    return 3;
}
catch (System.Net.Sockets.SocketException exception)
{
    await Console.Error.WriteLineAsync($"graincompute-silo: cannot listen: {exception.Message}");
    return 3;
}
