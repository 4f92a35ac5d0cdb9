namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>Something the insurer or an underwriter does when the sandbox clock reaches it.</summary>
internal enum ScheduledKind
{
    /// <summary>An underwriter decides a referred application.</summary>
    Referral,

    /// <summary>A preliminary decision (DC06, DC07) becomes final.</summary>
    FinalDecision,

    /// <summary>A notified reduction takes effect (DC09).</summary>
    Reduction,

    /// <summary>A notified withdrawal takes effect (DC08).</summary>
    Withdrawal,

    /// <summary>A decision amount reaches its expiry date (DC11 re-issue or DC22 partial expiry).</summary>
    Expiry,

    /// <summary>A buyer's rating changes.</summary>
    RatingChange,

    /// <summary>An indication pending conversion (V) becomes a credit limit.</summary>
    Conversion,

    /// <summary>A cover pending cancellation (C) ends.</summary>
    Cancellation,
}

/// <summary>One scheduled event; <see cref="Revision"/> tells whether the cover is still as it was when scheduled.</summary>
internal sealed record ScheduledEvent(ScheduledKind Kind, DateTimeOffset DueAt, long CoverId, long Revision, decimal Amount = 0, long BuyerId = 0, int Rating = 0);
