using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>
/// Covers are read by a hand-written reader, not by models generated from the contract, so nothing regenerates it
/// when the contract grows: every member the contract gives a cover, nested ones included, must change what the
/// public model shows. A member the reader skips would leave the model as it is without the member.
/// </summary>
public sealed class ContractCoverMemberTests
{
    private static readonly ContractDocument Contract = ContractDocument.Instance;

    private static readonly List<string> Members = MemberPaths(Schema("Cover"), string.Empty).ToList();

    public static TheoryData<string> CoverMembers => new(Members);

    [Fact]
    public void The_contract_gives_a_cover_its_nested_members()
    {
        Assert.Contains("totalDecision.decisionConditions[].conditionCode", Members);
        Assert.Contains("uniqueIdentifiers[].uidTypeDescription", Members);
        Assert.True(Members.Count > 30, string.Join(", ", Members));
    }

    [Theory]
    [MemberData(nameof(CoverMembers))]
    public void Every_member_of_the_contracts_cover_reaches_the_public_model(string path)
    {
        var full = (JsonObject)SampleOf(Schema("Cover"), "cover");
        var without = (JsonObject)full.DeepClone();
        Remove(without, path.Split('.'));
        if (path == "coverId")
        {
            // The reader requires it: a cover without its id is refused, never read as cover 0.
            Assert.ThrowsAny<JsonException>(() => Read(without));
            return;
        }

        var withMember = Describe(Read(full));
        var withoutMember = Describe(Read(without));

        Assert.True(withMember != withoutMember, "The cover reader drops the contract's member " + path + ": the public model is the same with and without it.");
    }

    private static CoverDecision Read(JsonObject cover) =>
        JsonSerializer.Deserialize(cover.ToJsonString(), CoverJsonContext.Default.CoverDecision)
        ?? throw new InvalidOperationException("A cover object read as null.");

    private static JsonObject Schema(string name) => (JsonObject)Contract.Resolve(Contract.Navigate("#/components/schemas/" + name));

    private static IEnumerable<string> MemberPaths(JsonObject schema, string prefix)
    {
        foreach (var (name, node) in (JsonObject)schema["properties"]!)
        {
            var path = prefix + name;
            yield return path;
            var member = (JsonObject)Contract.Resolve(node!);
            var nested = member["type"]?.GetValue<string>() switch
            {
                "object" => (Schema: member, Path: path + "."),
                "array" when Contract.Resolve(member["items"]!) is JsonObject { } items && items["properties"] is not null => (Schema: items, Path: path + "[]."),
                _ => (Schema: (JsonObject?)null, Path: path),
            };
            if (nested.Schema is { } inner)
            {
                foreach (var innerPath in MemberPaths(inner, nested.Path))
                {
                    yield return innerPath;
                }
            }
        }
    }

    /// <summary>A value of the schema's type that differs from every default: text named after its member, dates far from today.</summary>
    private static JsonNode SampleOf(JsonObject schema, string name)
    {
        if (schema["oneOf"] is JsonArray alternatives)
        {
            return SampleOf((JsonObject)Contract.Resolve(alternatives[0]!), name);
        }

        switch (schema["type"]?.GetValue<string>())
        {
            case "object":
                var sample = new JsonObject();
                foreach (var (member, node) in (JsonObject)schema["properties"]!)
                {
                    sample[member] = SampleOf((JsonObject)Contract.Resolve(node!), member);
                }

                return sample;
            case "array":
                return new JsonArray(SampleOf((JsonObject)Contract.Resolve(schema["items"]!), name));
            case "integer":
                return JsonValue.Create(4242);
            case "number":
                return JsonValue.Create(123_000m);
        }

        if (schema["x-extensible-enum"] is JsonArray values)
        {
            return JsonValue.Create(values[^1]!["value"]!.GetValue<string>());
        }

        return (schema["format"]?.GetValue<string>()) switch
        {
            "date" => JsonValue.Create("2031-07-15"),
            "date-time" => JsonValue.Create("2031-07-15T10:30:00+02:00"),
            _ => JsonValue.Create(name.EndsWith("CurrencyCode", StringComparison.Ordinal) ? "SEK" : "sample " + name),
        };
    }

    private static void Remove(JsonNode node, ReadOnlySpan<string> path)
    {
        var segment = path[0];
        var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
        var name = isArray ? segment[..^2] : segment;
        var target = (JsonObject)node;
        if (path.Length == 1)
        {
            Assert.True(target.Remove(name), "No member " + name + " in the sample.");
            return;
        }

        var child = target[name]!;
        foreach (var item in isArray ? ((JsonArray)child).Select(i => i!) : [child])
        {
            Remove(item, path[1..]);
        }
    }

    /// <summary>Every public property, nested objects and lists included, as text: two models that show the same describe the same.</summary>
    private static string Describe(object? value, int depth = 0)
    {
        switch (value)
        {
            case null:
                return "null";
            case string sent:
                return "\"" + sent + "\"";
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal or DateTimeOffset or DateTime:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable items:
                return "[" + string.Join(", ", items.Cast<object?>().Select(item => Describe(item, depth + 1))) + "]";
        }

        var type = value.GetType();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        if (properties.Count == 0 || depth > 4 || type.IsEnum)
        {
            return value.ToString() ?? string.Empty;
        }

        var text = new StringBuilder(type.Name).Append(" {");
        foreach (var property in properties.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(' ').Append(property.Name).Append('=').Append(Describe(property.GetValue(value), depth + 1)).Append(';');
        }

        return text.Append(" }").ToString();
    }
}
