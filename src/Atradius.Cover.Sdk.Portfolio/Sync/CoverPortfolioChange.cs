namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>A classified change, as a sync delivers it to an <see cref="ICoverChangeHandler"/>.</summary>
/// <remarks>
/// Delivery is at least once: a change is marked delivered only after the handler returned, so a crash in between
/// delivers it again on the next sync. <see cref="ChangeId"/> lets a handler recognise a change it has already seen.
/// </remarks>
public sealed record CoverPortfolioChange
{
    /// <summary>The store's identifier of the change; increases in commit order.</summary>
    public long ChangeId { get; init; }

    /// <summary>What changed.</summary>
    public CoverChangeKind Kind { get; init; }

    /// <summary>The cover, for a change about a cover.</summary>
    public long? CoverId { get; init; }

    /// <summary>The buyer.</summary>
    public long? BuyerId { get; init; }

    /// <summary>When the sync observed the change (UTC).</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <summary>
    /// Whether the change is a cover showing up as new in the portfolio's first sync, where every cover does (or in
    /// the re-run of a first sync that did not complete); a change to a cover already stored never is.
    /// </summary>
    public bool IsInitialLoad { get; init; }

    /// <summary>The cover's new version, for a change about a cover.</summary>
    public CoverSnapshot? Cover { get; init; }

    /// <summary>The cover's version before, or null when the cover is new to the portfolio.</summary>
    public CoverSnapshot? PreviousCover { get; init; }

    /// <summary>The fields that differ between <see cref="PreviousCover"/> and <see cref="Cover"/>.</summary>
    public IReadOnlyList<CoverFieldChange> FieldChanges { get; init; } = Array.Empty<CoverFieldChange>();

    /// <summary>For <see cref="CoverChangeKind.BuyerRatingChanged"/>: the rating before.</summary>
    public int? PreviousRating { get; init; }

    /// <summary>For <see cref="CoverChangeKind.BuyerRatingChanged"/>: the rating now.</summary>
    public int? Rating { get; init; }

    /// <summary>For <see cref="CoverChangeKind.BuyerRatingChanged"/>: the rating's class before.</summary>
    public string? PreviousRatingClass { get; init; }

    /// <summary>For <see cref="CoverChangeKind.BuyerRatingChanged"/>: the rating's class now.</summary>
    public string? RatingClass { get; init; }

    /// <summary>
    /// For <see cref="CoverChangeKind.BuyerRatingChanged"/>: "up" or "down", in the service's sense, for the move from
    /// <see cref="PreviousRating"/> to <see cref="Rating"/>. The service's own word when its last step is that move;
    /// when the rating moved more than once between two syncs, the direction of the whole move, told by a step the
    /// service named. Null when the number did not change (only the class did), or nothing the service said tells it.
    /// </summary>
    public string? RatingDirection { get; init; }

    /// <inheritdoc />
    public override string ToString() => Kind + (Cover is null ? " buyer " + BuyerId : " " + Cover);
}
