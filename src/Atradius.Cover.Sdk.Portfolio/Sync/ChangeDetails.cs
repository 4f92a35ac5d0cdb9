namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// What an outbox row keeps of a change beyond its own columns (kind, cover, buyer, time) and the versions it refers
/// to. The members are named as on <see cref="CoverPortfolioChange"/>, so a row is read back as one whichever form it
/// was written in; absent members are left out, and a new cover's change is a few bytes.
/// </summary>
internal sealed record ChangeDetails
{
    private static readonly byte[] None = "{}"u8.ToArray();
    private static readonly byte[] InitialLoad = """{"IsInitialLoad":true}"""u8.ToArray();

    public bool? IsInitialLoad { get; init; }

    public IReadOnlyList<CoverFieldChange>? FieldChanges { get; init; }

    public int? PreviousRating { get; init; }

    public int? Rating { get; init; }

    public string? PreviousRatingClass { get; init; }

    public string? RatingClass { get; init; }

    public string? RatingDirection { get; init; }

    /// <summary>The UTF-8 JSON of a change's details; the two forms most changes take are shared, not serialised again.</summary>
    public static byte[] Serialize(CoverPortfolioChange change)
    {
        if (change.FieldChanges.Count == 0 && change.PreviousRating is null && change.Rating is null
            && change.PreviousRatingClass is null && change.RatingClass is null && change.RatingDirection is null)
        {
            return change.IsInitialLoad ? InitialLoad : None;
        }

        var details = new ChangeDetails
        {
            IsInitialLoad = change.IsInitialLoad ? true : null,
            FieldChanges = change.FieldChanges.Count == 0 ? null : change.FieldChanges,
            PreviousRating = change.PreviousRating,
            Rating = change.Rating,
            PreviousRatingClass = change.PreviousRatingClass,
            RatingClass = change.RatingClass,
            RatingDirection = change.RatingDirection,
        };
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(details, PortfolioJsonContext.Default.ChangeDetails);
    }
}
