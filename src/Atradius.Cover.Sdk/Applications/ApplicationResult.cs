namespace Atradius.Cover.Sdk;

/// <summary>
/// The outcome of an application or of an increase: either decided at once (<see cref="IsDecided"/>, see
/// <see cref="Decision"/>), or referred to an underwriter (<see cref="IsReferred"/>; wait with
/// <see cref="ApplicationsClient.WaitForDecisionAsync(long, CancellationToken)"/> using <see cref="CoverId"/>).
/// </summary>
public sealed class ApplicationResult
{
    internal ApplicationResult()
    {
    }

    /// <summary>The cover as the service answered it: decided, or referred and waiting for a decision.</summary>
    public CoverDecision Cover { get; internal init; } = null!;

    /// <summary>Id of the cover (and of the application); use it to look again at a referred application.</summary>
    public long CoverId => Cover.CoverId;

    /// <summary>Whether the application was decided at once.</summary>
    public bool IsDecided => Cover.IsDecided;

    /// <summary>Whether the application was referred to an underwriter.</summary>
    public bool IsReferred => Cover.IsReferred;

    /// <summary>The decision when <see cref="IsDecided"/>; null while referred.</summary>
    public CoverDecision? Decision => Cover.IsDecided ? Cover : null;

    /// <summary>For a referred application, how long the service asks to wait before looking again.</summary>
    public TimeSpan? RetryAfter { get; internal init; }

    /// <summary>Where the service says the cover can be read, when it says so.</summary>
    public Uri? Location { get; internal init; }

    /// <summary>The idempotency key the request was sent with; keep it to retry the same request safely.</summary>
    public string IdempotencyKey { get; internal init; } = string.Empty;

    /// <summary>
    /// True when the service answered that the cover already exists and the existing cover turned out to be the
    /// one this very request created (its first answer was lost and the request was sent again); the result is
    /// that cover rather than an error.
    /// </summary>
    public bool RecoveredFromConflict { get; internal init; }
}
