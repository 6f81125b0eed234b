namespace GrainCompute.Service.Tests.Api.BadInput;

/// <summary>One malformed or hostile request; <see cref="Body"/> is sent as is, with <see cref="ContentType"/> (none when null).</summary>
internal sealed record HostileRequest(string Name, string Method, string Path, string? Body = null, string? ContentType = "application/json")
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            message.Content = new StringContent(Body, System.Text.Encoding.UTF8);
            message.Content.Headers.ContentType = ContentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        }

        return message;
    }
}
