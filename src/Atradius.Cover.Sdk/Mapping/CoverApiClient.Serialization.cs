using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk.Generated;

internal partial class CoverApiClient
{
    // The contract declares optional request fields (creditLimitAmount of a credit check, effectFromDate,
    // customerRefNumber) as absent-when-unset, not nullable: a null would break the contract.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
}
