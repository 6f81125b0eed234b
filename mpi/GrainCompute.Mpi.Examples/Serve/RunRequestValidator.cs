using System.Globalization;
using System.Text.Json;
using GrainCompute.Mpi.Examples.Cli;
using GrainCompute.Mpi.Examples.Examples;
using Microsoft.AspNetCore.Http;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>Turns a request body into a <see cref="RunPlan"/>, or into the 400 problem that says what to fix.</summary>
internal static class RunRequestValidator
{
    public static IResult? Validate(RunRequestBody body, SidecarOptions options, out RunPlan? plan)
    {
        plan = null;
        var example = body.Example is null ? null : ExampleCatalog.Find(body.Example);
        if (example is null)
        {
            var known = ExampleCatalog.Names.ToArray();
            return Results.Problem(
                title: "Unknown MPI example",
                detail: body.Example is null
                    ? $"the request names no example; known: {string.Join(", ", known)}"
                    : $"example '{body.Example}' not found; known: {string.Join(", ", known)}",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["known"] = known });
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Ranks is not { } ranks || ranks < 1 || ranks > options.MaxRanks)
        {
            errors["ranks"] = [$"ranks must be between 1 and {options.MaxRanks}, got {body.Ranks?.ToString(CultureInfo.InvariantCulture) ?? "none"}"];
        }

        var maxSeconds = (int)options.MaxTimeout.TotalSeconds;
        if (body.TimeoutSeconds is { } seconds && (seconds < 1 || seconds > maxSeconds))
        {
            errors["timeoutSeconds"] = [$"timeoutSeconds must be between 1 and {maxSeconds}, got {seconds}"];
        }

        var arguments = ToArguments(example, body.Parameters, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: $"Invalid MPI run request for '{example.Name}'");
        }

        var timeout = body.TimeoutSeconds is { } limit ? TimeSpan.FromSeconds(limit) : options.DefaultTimeout;
        plan = new RunPlan(example, body.Ranks!.Value, arguments, timeout);
        return null;
    }

    private static List<string> ToArguments(IExample example, Dictionary<string, JsonElement>? parameters, Dictionary<string, string[]> errors)
    {
        var arguments = new List<string>();
        foreach (var (name, value) in parameters ?? [])
        {
            var declared = example.Parameters.FirstOrDefault(p => p.Name == name);
            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            if (declared is null || declared.IsPath || text is null)
            {
                errors[$"parameters.{name}"] = [declared is null || declared.IsPath
                    ? $"'{name}' is not a parameter of {example.Name}; known: {string.Join(", ", example.Parameters.Where(p => !p.IsPath).Select(p => p.Name))}"
                    : $"'{name}' must be a number or a string"];
                continue;
            }

            arguments.Add("--" + name);
            arguments.Add(text);
        }

        try
        {
            // Same range checks the ranks apply, so a bad value is a 400 here rather than a failed run.
            _ = ExampleArguments.Parse(example.Name, arguments, example.Parameters);
        }
        catch (ExampleArgumentException ex) when (errors.Count == 0)
        {
            errors["parameters"] = [ex.Message];
        }

        return arguments;
    }
}
