using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GrainCompute.Client;
using GrainCompute.Console.Commands;

namespace GrainCompute.Console.Output;

/// <summary>
/// Serialization code for everything the console writes as JSON, generated at build time: reflection-based
/// serialization would compile its accessors on every run of a short command (see "Start-up time" in docs/client.md).
/// Naming and enums are set on <see cref="Formats.Json"/>.
/// </summary>
[JsonSerializable(typeof(JobStatus))]
[JsonSerializable(typeof(ClusterInfo))]
[JsonSerializable(typeof(IReadOnlyList<KernelInfo>))]
[JsonSerializable(typeof(IReadOnlyList<ChunkInfo>))]
[JsonSerializable(typeof(ResultItem))]
[JsonSerializable(typeof(List<DemoCommand.DemoRow>))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
