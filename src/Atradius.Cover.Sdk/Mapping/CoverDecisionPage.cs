using System.Text.Json.Serialization;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>A page of covers read straight into the public model; shaped like the generated <c>CoverPage</c>.</summary>
internal sealed class CoverDecisionPage
{
    /// <summary>The covers; an absent member reads as an empty page, a null one as a broken answer, as before.</summary>
    [JsonPropertyName("data")]
    public List<CoverDecision>? Data { get; set; } = [];

    [JsonPropertyName("meta")]
    public Gen.PageMeta? Meta { get; set; }
}
