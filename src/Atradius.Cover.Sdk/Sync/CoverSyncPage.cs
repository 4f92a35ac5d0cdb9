namespace Atradius.Cover.Sdk;

/// <summary>One page read by a sync.</summary>
internal sealed class CoverSyncPage
{
    public CoverSyncPage(IReadOnlyList<CoverSnapshot> items, string? nextCursor)
    {
        Items = items;
        NextCursor = string.IsNullOrEmpty(nextCursor) ? null : nextCursor;
    }

    public IReadOnlyList<CoverSnapshot> Items { get; }

    public string? NextCursor { get; }
}
