using System.Reflection;
using System.Text.Json;

namespace GrainCompute.Kernels;

/// <summary>
/// Binds a kernel's JSON parameters to its <typeparamref name="TParams"/> class, one member at a time,
/// so every error names the member that caused it (System.Text.Json's own errors name a JSON path).
/// </summary>
internal static class ParameterBinder<TParams>
    where TParams : class, new()
{
    // Strict on purpose: numbers must be JSON numbers ("5" is a wrong type, not 5).
    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
    };

    private static readonly (string Name, PropertyInfo Property)[] _members = Discover();

    public static IReadOnlyList<KernelParameter> Schema { get; } = BuildSchema();

    public static TParams Bind(JsonElement? parameters)
    {
        var bound = new TParams();
        if (parameters is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return bound;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new KernelParameterException("parameters", "parameters must be a JSON object");
        }

        foreach (var member in element.EnumerateObject())
        {
            var (name, property) = Find(member.Name)
                ?? throw new KernelParameterException(
                    member.Name,
                    $"unknown parameter '{member.Name}'; known: {string.Join(", ", _members.Select(m => m.Name))}");

            // null means "use the default", like an absent member.
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            object? value;
            try
            {
                value = ReadValue(member.Value, property.PropertyType);
            }
            catch (JsonException)
            {
                throw new KernelParameterException(name, $"{name} must be {Article(TypeName(property.PropertyType))}");
            }
            catch (InvalidOperationException)
            {
                throw new KernelParameterException(name, $"{name} must be {Article(TypeName(property.PropertyType))}");
            }

            property.SetValue(bound, value);
        }

        return bound;
    }

    private static (string Name, PropertyInfo Property)? Find(string jsonName)
    {
        foreach (var member in _members)
        {
            if (string.Equals(member.Name, jsonName, StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>
    /// The common scalar types read straight from the element (a future group binds 10⁴ calls' parameters at once,
    /// and the serializer's general path costs several times more); anything else through the serializer. The
    /// same values pass and fail either way: a number only from a JSON number, in range and integral for integers.
    /// </summary>
    private static object? ReadValue(JsonElement value, Type type)
    {
        if (type == typeof(long) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var int64))
        {
            return int64;
        }

        if (type == typeof(int) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var int32))
        {
            return int32;
        }

        if (type == typeof(double) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return number;
        }

        if (type == typeof(bool) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        if (type == typeof(string) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        return value.Deserialize(type, _options);
    }

    private static (string, PropertyInfo)[] Discover()
    {
        var properties = typeof(TParams).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var members = new List<(string, PropertyInfo)>(properties.Length);
        foreach (var property in properties)
        {
            if (property.CanRead && property.CanWrite)
            {
                members.Add((CamelCase(property.Name), property));
            }
        }

        return [.. members];
    }

    private static KernelParameter[] BuildSchema()
    {
        var defaults = new TParams();
        var schema = new KernelParameter[_members.Length];
        for (var i = 0; i < _members.Length; i++)
        {
            var (name, property) = _members[i];
            var description = property.GetCustomAttribute<KernelParameterDescriptionAttribute>()?.Description ?? "";
            schema[i] = new KernelParameter(name, TypeName(property.PropertyType), property.GetValue(defaults), description);
        }

        return schema;
    }

    private static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    internal static string TypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool))
        {
            return "boolean";
        }

        if (type == typeof(string))
        {
            return "string";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "number";
        }

        if (type.IsPrimitive)
        {
            return "integer";
        }

        return type.IsArray ? "array" : "object";
    }

    private static string Article(string typeName) =>
        typeName is "integer" or "array" or "object" ? "an " + typeName : "a " + typeName;
}
