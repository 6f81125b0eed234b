using System.Text.Json;

namespace GrainCompute.Server.Api;

/// <summary>Reads a JSON request body, turning every way it can be unreadable into the problem to answer.</summary>
internal static class RequestBodies
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request)
    {
        try
        {
            return (await request.ReadFromJsonAsync<T>(JsonDefaults.Options), null);
        }
        catch (JsonException exception)
        {
            return (default, ApiErrors.Invalid("body", $"malformed JSON: {exception.Message}"));
        }
        catch (BadHttpRequestException exception)
        {
            return (default, Results.Problem(statusCode: exception.StatusCode, title: "Bad request body", detail: exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is larger than Compute:MaxBodyBytes allows ({request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes)."
                : exception.Message));
        }
        catch (InvalidOperationException exception)
        {
            return (default, ApiErrors.Invalid("body", exception.Message));
        }
    }
}
