using System.Runtime.CompilerServices;

namespace Atradius.Cover.Sdk;

/// <summary>A list read from the service, page after page, only as far as the caller reads.</summary>
internal sealed class ServicePageable<T> : CoverPageable<T>
{
    private readonly CoverPageSource<T> _source;
    private readonly int? _pageSize;
    private readonly CancellationToken _listCancellationToken;

    public ServicePageable(CoverPageSource<T> source, int? pageSize, CancellationToken cancellationToken)
    {
        _source = source;
        _pageSize = pageSize;
        _listCancellationToken = cancellationToken;
    }

    public override IAsyncEnumerable<CoverPage<T>> AsPages(string? continuationToken = null, int? pageSize = null)
    {
        CoverArgument.PageSize(pageSize, nameof(pageSize));
        if (continuationToken is not null && continuationToken.Length == 0)
        {
            throw new ArgumentException("continuationToken must not be empty; pass null to start at the beginning.", nameof(continuationToken));
        }

        return Walk(continuationToken, pageSize ?? _pageSize, default);
    }

    private async IAsyncEnumerable<CoverPage<T>> Walk(string? cursor, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The token given to the list call and the one given to the enumeration both cancel the walk.
        using var linked = _listCancellationToken.CanBeCanceled && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_listCancellationToken, cancellationToken)
            : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : _listCancellationToken);

        var walk = new CoverPageWalk();
        while (true)
        {
            token.ThrowIfCancellationRequested();
            var page = await _source.FetchAsync(cursor, pageSize, walk, token).ConfigureAwait(false);
            yield return page;

            var next = page.ContinuationToken;
            if (next is null)
            {
                yield break;
            }

            if (string.Equals(next, cursor, StringComparison.Ordinal))
            {
                // A cursor that does not move would make the walk endless.
                throw new CoverApiException("The Cover API answered the same continuation token for the next page as for this one; the list cannot be walked further.", 200, "INVALID_RESPONSE");
            }

            cursor = next;
        }
    }
}
