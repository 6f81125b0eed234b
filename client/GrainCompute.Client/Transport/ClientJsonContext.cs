using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GrainCompute.Client.Transport;

/// <summary>
/// The API's own types, with their JSON code generated at build time: no reflection or code generation at run time,
/// so a short-lived process (the console) starts faster and the HTTP transport runs under Native AOT. A caller's own
/// types (parameters, typed results) still go through reflection, where the runtime allows it (<see cref="ClientJson"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SubmitJobRequest))]
[JsonSerializable(typeof(SubmitBatchRequest))]
[JsonSerializable(typeof(SubmitBatchAnswer))]
[JsonSerializable(typeof(CallBody))]
[JsonSerializable(typeof(WaitRequest))]
[JsonSerializable(typeof(WaitOutcome))]
[JsonSerializable(typeof(WaitManyRequest))]
[JsonSerializable(typeof(WaitManyAnswer))]
[JsonSerializable(typeof(CompletionsRequest))]
[JsonSerializable(typeof(WirePage))]
[JsonSerializable(typeof(ProblemDetailsBody))]
[JsonSerializable(typeof(JobStatus))]
[JsonSerializable(typeof(IReadOnlyList<JobStatus>))]
[JsonSerializable(typeof(IReadOnlyList<ChunkInfo>))]
[JsonSerializable(typeof(IReadOnlyList<KernelInfo>))]
[JsonSerializable(typeof(ClusterInfo))]
[JsonSerializable(typeof(ResultItem))]
[JsonSerializable(typeof(IsPrimeResult))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(JsonNode))] // parameters built as JSON nodes, as the console does
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
