namespace Atradius.Cover.Sdk;

/// <summary>
/// Why a cover is no longer current (<c>historicCode</c>): cancelled, superseded, expired, withdrawn and so on.
/// </summary>
/// <remarks>
/// The service may add values at any time: a value this version of the SDK does not know is kept as it
/// was received (see <see cref="ToString"/>) instead of failing, so a newer service never breaks an older client.
/// </remarks>
public readonly struct HistoricCode : IEquatable<HistoricCode>
{
    private readonly string? _value;

    /// <summary>Creates a HistoricCode from the code the service uses.</summary>
    /// <param name="value">The code, for example <c>CCLA</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public HistoricCode(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A historic code must not be empty.", nameof(value));
        }

        // Blanks around a code are no part of it: a padded "REFERRED " is still REFERRED, not an unknown code.
        _value = value.Trim();
    }

    /// <summary><c>CCLA</c>: Cancelled application.</summary>
    public static HistoricCode CancelledApplication { get; } = new("CCLA");

    /// <summary><c>RCLA</c>: Rejected application.</summary>
    public static HistoricCode RejectedApplication { get; } = new("RCLA");

    /// <summary><c>SCLA</c>: Superseded application.</summary>
    public static HistoricCode SupersededApplication { get; } = new("SCLA");

    /// <summary><c>TCLA</c>: Transferred application.</summary>
    public static HistoricCode TransferredApplication { get; } = new("TCLA");

    /// <summary><c>ARCH</c>: Archived.</summary>
    public static HistoricCode Archived { get; } = new("ARCH");

    /// <summary><c>ACLD</c>: Amended.</summary>
    public static HistoricCode Amended { get; } = new("ACLD");

    /// <summary><c>ICLD</c>: Re-issued.</summary>
    public static HistoricCode Reissued { get; } = new("ICLD");

    /// <summary><c>MCLD</c>: Maintained.</summary>
    public static HistoricCode Maintained { get; } = new("MCLD");

    /// <summary><c>CCLD</c>: Cancelled decision.</summary>
    public static HistoricCode CancelledDecision { get; } = new("CCLD");

    /// <summary><c>CIND</c>: Cancelled indication.</summary>
    public static HistoricCode CancelledIndication { get; } = new("CIND");

    /// <summary><c>ECLD</c>: Expired decision.</summary>
    public static HistoricCode ExpiredDecision { get; } = new("ECLD");

    /// <summary><c>PCLD</c>: Cancelled by policy cancellation.</summary>
    public static HistoricCode CancelledByPolicyCancellation { get; } = new("PCLD");

    /// <summary><c>SCLD</c>: Superseded decision.</summary>
    public static HistoricCode SupersededDecision { get; } = new("SCLD");

    /// <summary><c>TCLD</c>: Transferred decision.</summary>
    public static HistoricCode TransferredDecision { get; } = new("TCLD");

    /// <summary><c>WCLD</c>: Withdrawn decision.</summary>
    public static HistoricCode WithdrawnDecision { get; } = new("WCLD");


    /// <summary>The code as the service sends it, without blanks around it (an empty string for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is one of the values this version of the SDK knows.</summary>
    public bool IsKnown => Describe(_value) is not null;

    /// <summary>What the code means, in words; for a code this SDK does not know, the code itself.</summary>
    public string Description => Describe(_value) ?? Value;

    /// <summary>
    /// Whether the cover was cancelled at the customer's request: a cancelled decision (CCLD), indication
    /// (CIND) or application (CCLA). Not the same as a pending cancellation, see
    /// <see cref="PendingProcessIndicator.IsPendingCancellation"/>.
    /// </summary>
    public bool IsCancellation => Is("CCLD") || Is("CIND") || Is("CCLA");

    /// <summary>Whether the cover was replaced by a newer decision or application (SCLD, SCLA).</summary>
    public bool IsSuperseded => Is("SCLD") || Is("SCLA");

    /// <summary>
    /// Whether the code ends only a version of a cover that goes on under its id, with other content: amended (ACLD),
    /// re-issued (ICLD), maintained (MCLD).
    /// </summary>
    internal bool EndsVersionOnly => Is("ACLD") || Is("ICLD") || Is("MCLD");

    private bool Is(string code) => string.Equals(_value, code, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two values are the same code (codes compare case-insensitively).</summary>
    public static bool operator ==(HistoricCode left, HistoricCode right) => left.Equals(right);

    /// <summary>Whether two values are different codes.</summary>
    public static bool operator !=(HistoricCode left, HistoricCode right) => !left.Equals(right);

    /// <summary>Converts a code to a <see cref="HistoricCode"/>.</summary>
    /// <param name="value">The code.</param>
    public static implicit operator HistoricCode(string value) => new(value);

    /// <summary>Converts a code to a <see cref="HistoricCode"/>.</summary>
    /// <param name="value">The code.</param>
    /// <returns>The value.</returns>
    public static HistoricCode FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(HistoricCode other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HistoricCode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>The code as the service sends it.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Value;

    private static string? Describe(string? value)
    {
        switch (value?.ToUpperInvariant())
        {
            case "CCLA":
                return "Cancelled application.";
            case "RCLA":
                return "Rejected application.";
            case "SCLA":
                return "Superseded application.";
            case "TCLA":
                return "Transferred application.";
            case "ARCH":
                return "Archived.";
            case "ACLD":
                return "Amended.";
            case "ICLD":
                return "Re-issued.";
            case "MCLD":
                return "Maintained.";
            case "CCLD":
                return "Cancelled decision.";
            case "CIND":
                return "Cancelled indication.";
            case "ECLD":
                return "Expired decision.";
            case "PCLD":
                return "Cancelled by policy cancellation.";
            case "SCLD":
                return "Superseded decision.";
            case "TCLD":
                return "Transferred decision.";
            case "WCLD":
                return "Withdrawn decision.";
            default:
                return null;
        }
    }
}
