using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk.Generated;

internal partial class CoverApiClient
{
    /// <summary>How long an answer's body may take to arrive after its headers; infinite when not set.</summary>
    internal TimeSpan BodyTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    // Every answer, whatever its status, is read with a deadline (see CoverBodyDeadline).
    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) =>
        CoverBodyDeadline.Apply(response, BodyTimeout);

    // The contract declares optional request fields (creditLimitAmount of a credit check, effectFromDate,
    // customerRefNumber) as absent-when-unset, not nullable: a null would break the contract.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
}
