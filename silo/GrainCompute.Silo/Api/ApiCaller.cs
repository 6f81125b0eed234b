using GrainCompute.Server.Security;

namespace GrainCompute.Server.Api;

/// <summary>The key a request was let in with, as a request feature: the dashboard reads it to offer cancel only to full keys.</summary>
/// <param name="Name">The key's configured name (never the key), for rate-limit partitions and logs.</param>
internal sealed record ApiCaller(string Name, ApiKeyRole Role);
