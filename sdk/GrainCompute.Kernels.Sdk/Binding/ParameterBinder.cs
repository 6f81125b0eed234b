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
            var property = Find(member.Name)
                ?? throw new KernelParameterException(
                    member.Name,
                    $"unknown parameter '{member.Name}'; known: {string.Join(", ", _members.Select(m => m.Name))}");

            // null means "use the default", like an absent member.
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var name = CamelCase(property.Name);
            object? value;
            try
            {
                value = member.Value.Deserialize(property.PropertyType, _options);
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

    private static PropertyInfo? Find(string jsonName)
    {
        foreach (var (name, property) in _members)
        {
            if (string.Equals(name, jsonName, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        return null;
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
