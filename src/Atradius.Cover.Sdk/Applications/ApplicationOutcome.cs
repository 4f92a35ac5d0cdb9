namespace Atradius.Cover.Sdk;

/// <summary>How the service took an application.</summary>
public enum ApplicationOutcome
{
    /// <summary>Decided at once (HTTP 201): the decision may still be a refusal, see <see cref="CoverDecision.IsRefusal"/>.</summary>
    Decided = 0,

    /// <summary>
    /// Referred to an underwriter (HTTP 202), or read back waiting for one (listed referred, or with a preliminary
    /// decision, DC06 or DC07, not past its expiry date, whatever the status answered): follow it to the final decision
    /// with <see cref="ApplicationResult.Operation"/>.
    /// </summary>
    Referred = 1,

    /// <summary>
    /// The service refused the application inside a success answer ("Action has been refused."): nothing was created;
    /// there is no cover to read and no operation to follow. <see cref="ApplicationResult.ResponseText"/> holds the text.
    /// </summary>
    Refused = 2,
}
