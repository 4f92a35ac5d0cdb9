using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// How the SDK reads response bodies into the generated models: the generated client's defaults, except that
/// calendar dates are read from the bytes (<see cref="CoverDateConverter"/>) instead of through a string and
/// the culture-aware parser. The generated client itself keeps its stock settings.
/// </summary>
internal static class CoverResponseJson
{
    public static readonly JsonSerializerOptions ResponseOptions = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UseFastDates } },
    };

    /// <summary>The same, reading covers (GET cover, list pages) straight into <see cref="CoverDecision"/> (<see cref="CoverDecisionReader"/>).</summary>
    public static readonly JsonSerializerOptions PageOptions = new(ResponseOptions) { Converters = { CoverDecisionReader.Instance } };

    private static bool IsGeneratedDate(System.Reflection.ICustomAttributeProvider member)
    {
        foreach (var attribute in member.GetCustomAttributes(typeof(JsonConverterAttribute), inherit: false))
        {
            if (((JsonConverterAttribute)attribute).ConverterType == typeof(DateFormatConverter))
            {
                return true;
            }
        }

        return false;
    }

    private static void UseFastDates(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            // Nullable dates carry the generated converter too, wrapped by System.Text.Json, so look at the attribute.
            if (property.AttributeProvider is not { } member || !IsGeneratedDate(member))
            {
                continue;
            }

            if (property.PropertyType == typeof(DateTimeOffset))
            {
                property.CustomConverter = CoverDateConverter.Instance;
            }
            else if (property.PropertyType == typeof(DateTimeOffset?))
            {
                property.CustomConverter = CoverDateConverter.Nullable;
            }
        }
    }
}
