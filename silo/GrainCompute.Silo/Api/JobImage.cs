using System.Text.Json;
using GrainCompute.Grains;
using GrainCompute.Kernels;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Api;

/// <summary>GET /api/jobs/{id}/image?format=png|pgm: a completed image job (julia) as a picture; one item is one line.</summary>
internal static class JobImage
{
    public static async Task<IResult> GetAsync(string id, IGrainFactory grains, string? format)
    {
        format ??= "png";
        if (format is not ("png" or "pgm"))
        {
            return ApiErrors.Invalid("format", $"format must be 'png' or 'pgm', not '{format}'");
        }

        try
        {
            var job = ComputeApi.Job(grains, id);
            var status = await job.GetStatus();
            if (status.State != JobState.Completed)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Job not completed", detail: $"Job '{id}' is {status.State.ToString().ToLowerInvariant()}; its image exists once it completes.");
            }

            var pixels = JsonSerializer.Deserialize<byte[]>(await job.GetResult() ?? "null");
            if (pixels is null || status.Items == 0 || pixels.Length % status.Items != 0)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not an image", detail: $"Job '{id}' ({status.Kernel}) does not produce image lines.");
            }

            var (width, height) = (pixels.Length / (int)status.Items, (int)status.Items);
            return format == "png"
                ? Results.File(ImageEncoder.ToPng(pixels, width, height), "image/png", $"{id}.png")
                : Results.File(ImageEncoder.ToPgm(pixels, width, height), "image/x-portable-graymap", $"{id}.pgm");
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not an image", detail: $"Job '{id}' does not produce image lines.");
        }
        catch (Exception exception)
        {
            return ApiErrors.ToProblem(exception);
        }
    }
}
