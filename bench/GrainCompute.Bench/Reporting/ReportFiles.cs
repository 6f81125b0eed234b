namespace GrainCompute.Bench.Reporting;

/// <summary>Where every suite puts its results: <c>NAME.md</c> and <c>NAME.json</c> in the output folder, the table also on the console.</summary>
internal static class ReportFiles
{
    /// <returns>The path of the JSON file written.</returns>
    public static async Task<string> WriteAsync(string outDirectory, string name, string markdown, string json, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDirectory);
        var markdownPath = Path.Combine(outDirectory, name + ".md");
        var jsonPath = Path.Combine(outDirectory, name + ".json");
        await File.WriteAllTextAsync(markdownPath, markdown, cancellationToken);
        await File.WriteAllTextAsync(jsonPath, json + "\n", cancellationToken);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"wrote {markdownPath} and {name}.json");
        return jsonPath;
    }
}
