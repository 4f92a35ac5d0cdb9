namespace Atradius.Cover.Sdk;

/// <summary>
/// The kind of the latest decision on a cover (<c>decisionCode</c>): approval, refusal, partial or preliminary
/// decision, or a change initiated by the insurer.
/// </summary>
/// <remarks>
/// The service may add values at any time: a value this version of the SDK does not know is kept as it
/// was received (see <see cref="ToString"/>) instead of failing, so a newer service never breaks an older client.
/// </remarks>
public readonly struct DecisionCode : IEquatable<DecisionCode>
{
    private readonly string? _value;

    /// <summary>Creates a DecisionCode from the code the service uses.</summary>
    /// <param name="value">The code, for example <c>DC01</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public DecisionCode(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A decision code must not be empty.", nameof(value));
        }

        // Blanks around a code are no part of it: a padded "REFERRED " is still REFERRED, not an unknown code.
        _value = value.Trim();
    }

    /// <summary><c>DC01</c>: Fully approved.</summary>
    public static DecisionCode FullyApproved { get; } = new("DC01");

    /// <summary><c>DC02</c>: Approved with conditions or comments.</summary>
    public static DecisionCode ApprovedWithConditions { get; } = new("DC02");

    /// <summary><c>DC03</c>: Refused.</summary>
    public static DecisionCode Refused { get; } = new("DC03");

    /// <summary><c>DC04</c>: Partially approved (final).</summary>
    public static DecisionCode PartiallyApproved { get; } = new("DC04");

    /// <summary><c>DC05</c>: Refusal of an increase; the current cover is unchanged.</summary>
    public static DecisionCode IncreaseRefused { get; } = new("DC05");

    /// <summary><c>DC06</c>: Partially approved (preliminary).</summary>
    public static DecisionCode PartiallyApprovedPreliminary { get; } = new("DC06");

    /// <summary><c>DC07</c>: Preliminary refusal.</summary>
    public static DecisionCode PreliminaryRefusal { get; } = new("DC07");

    /// <summary><c>DC08</c>: Withdrawal decided by the insurer.</summary>
    public static DecisionCode Withdrawn { get; } = new("DC08");

    /// <summary><c>DC09</c>: Reduction in cover.</summary>
    public static DecisionCode Reduced { get; } = new("DC09");

    /// <summary><c>DC10</c>: Revised terms of cover.</summary>
    public static DecisionCode RevisedTerms { get; } = new("DC10");

    /// <summary><c>DC11</c>: Re-issue of limit.</summary>
    public static DecisionCode Reissued { get; } = new("DC11");

    /// <summary><c>DC21</c>: Pre-notification of withdrawal or reduction, effective 30 days later.</summary>
    public static DecisionCode WithdrawalOrReductionNotice { get; } = new("DC21");

    /// <summary><c>DC22</c>: Reduction due to partial expiry.</summary>
    public static DecisionCode PartialExpiryReduction { get; } = new("DC22");


    /// <summary>The code as the service sends it, without blanks around it (an empty string for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is one of the values this version of the SDK knows.</summary>
    public bool IsKnown => Describe(_value) is not null;

    /// <summary>What the code means, in words; for a code this SDK does not know, the code itself.</summary>
    public string Description => Describe(_value) ?? Value;

    /// <summary>Whether the application was approved, fully or with conditions (DC01, DC02).</summary>
    public bool IsApproval => Is("DC01") || Is("DC02");

    /// <summary>
    /// Whether the code itself refuses the application (DC03, DC05, DC07). A decision amount of 0 is a refusal
    /// too whatever its code: use <see cref="CoverDecision.IsRefusal"/> to take both into account. DC05 refuses an
    /// increase only: the cover stays in force at its earlier amount (<see cref="CoverDecision.TotalDecision"/>), so
    /// count a cover's amount, not this flag, when summing what is covered.
    /// </summary>
    public bool IsRefusal => Is("DC03") || Is("DC05") || Is("DC07");

    /// <summary>Whether only part of the amount applied for was approved (DC04, DC06).</summary>
    public bool IsPartial => Is("DC04") || Is("DC06");

    /// <summary>Whether the decision is preliminary and may still change (DC06, DC07).</summary>
    public bool IsPreliminary => Is("DC06") || Is("DC07");

    /// <summary>Whether the insurer changed the cover on its own initiative (DC08, DC09, DC10, DC11, DC21, DC22).</summary>
    public bool IsInsurerInitiated => Is("DC08") || Is("DC09") || Is("DC10") || Is("DC11") || Is("DC21") || Is("DC22");

    /// <summary>
    /// Whether the code answers an application (DC01 to DC07): the insurer's own changes keep the cover's application
    /// date and take a decision date of their own, and answer none.
    /// </summary>
    internal bool AnswersApplication => IsApproval || IsRefusal || IsPartial || IsPreliminary;

    private bool Is(string code) => string.Equals(_value, code, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two values are the same code (codes compare case-insensitively).</summary>
    public static bool operator ==(DecisionCode left, DecisionCode right) => left.Equals(right);

    /// <summary>Whether two values are different codes.</summary>
    public static bool operator !=(DecisionCode left, DecisionCode right) => !left.Equals(right);

    /// <summary>Converts a code to a <see cref="DecisionCode"/>.</summary>
    /// <param name="value">The code.</param>
    public static implicit operator DecisionCode(string value) => new(value);

    /// <summary>Converts a code to a <see cref="DecisionCode"/>.</summary>
    /// <param name="value">The code.</param>
    /// <returns>The value.</returns>
    public static DecisionCode FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(DecisionCode other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DecisionCode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The code as the service sends it.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Value;

    private static string? Describe(string? value)
    {
        switch (value?.ToUpperInvariant())
        {
            case "DC01":
                return "Fully approved.";
            case "DC02":
                return "Approved with conditions or comments.";
            case "DC03":
                return "Refused.";
            case "DC04":
                return "Partially approved (final).";
            case "DC05":
                return "Refusal of an increase; the current cover is unchanged.";
            case "DC06":
                return "Partially approved (preliminary).";
            case "DC07":
                return "Preliminary refusal.";
            case "DC08":
                return "Withdrawal decided by the insurer.";
            case "DC09":
                return "Reduction in cover.";
            case "DC10":
                return "Revised terms of cover.";
            case "DC11":
                return "Re-issue of limit.";
            case "DC21":
                return "Pre-notification of withdrawal or reduction, effective 30 days later.";
            case "DC22":
                return "Reduction due to partial expiry.";
            default:
                return null;
        }
    }
}
