namespace Atradius.Cover.Sdk;

/// <summary>One page of a list, with the token that continues the list after it.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class CoverPage<T>
{
    internal CoverPage(IReadOnlyList<T> items, string? continuationToken)
    {
        Items = items;
        ContinuationToken = continuationToken;
    }

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>
    /// Pass it to <see cref="CoverPageable{T}.AsPages"/> to continue after this page (for example after a restart);
    /// null on the last page.
    /// </summary>
    public string? ContinuationToken { get; }
}
