using System.Text.Json.Serialization;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The one way the SDK reads and writes the service's JSON: the generated models through source-generated
/// metadata (no reflection, so trimming and native AOT keep working), with converters for what the real service
/// sends irregularly (amounts and ratings as strings or empty strings, text ids as numbers, timestamps with any offset). Covers, the
/// answers read most, have one read path straight into the public model (<see cref="CoverDecisionConverter"/>)
/// instead of a generated model mapped afterwards. Envelopes are not listed: <see cref="CoverEnvelopeReader"/>
/// walks <c>data</c> itself, as an array or as an object.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientDecimalConverter), typeof(LenientInt32Converter), typeof(LenientInt64Converter), typeof(LenientTimestampConverter), typeof(LenientStringConverter), typeof(CoverDecisionConverter)])]
[JsonSerializable(typeof(CoverDecision))]
[JsonSerializable(typeof(Gen.Buyer))]
[JsonSerializable(typeof(Gen.PolicyDetails))]
[JsonSerializable(typeof(Gen.CoverActionResult))]
[JsonSerializable(typeof(Gen.CoverApplication))]
[JsonSerializable(typeof(Gen.CoverModification))]
[JsonSerializable(typeof(Gen.CoverTypeChange))]
[JsonSerializable(typeof(Gen.ErrorDetail))]
[JsonSerializable(typeof(Gen.GatewayFault))]
[JsonSerializable(typeof(Gen.AtradiusToken))]
internal sealed partial class CoverJsonContext : JsonSerializerContext
{
}
