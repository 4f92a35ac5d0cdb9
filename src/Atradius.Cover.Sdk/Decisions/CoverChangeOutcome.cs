namespace Atradius.Cover.Sdk;

/// <summary>How the service took a change.</summary>
public enum CoverChangeOutcome
{
    /// <summary>The change was made.</summary>
    Applied = 0,

    /// <summary>The change was referred to an underwriter: answered 202, or 201 with the cover it names listed as referred. Follow it with <see cref="CoverChangeResult.Operation"/>.</summary>
    Referred = 1,

    /// <summary>The service refused the change inside a success answer ("Action has been refused."): nothing changed.</summary>
    Refused = 2,
}
