using System.Runtime.CompilerServices;

namespace Atradius.Cover.Sdk;

/// <summary>A list over pages held in memory, for tests (see <see cref="CoverModelFactory.Pageable{T}"/>).</summary>
internal sealed class StaticPageable<T> : CoverPageable<T>
{
    private readonly IReadOnlyList<CoverPage<T>> _pages;

    public StaticPageable(IReadOnlyList<CoverPage<T>> pages) => _pages = pages;

    public override IAsyncEnumerable<CoverPage<T>> AsPages(string? continuationToken = null, int? pageSize = null)
    {
        CoverArgument.PageSize(pageSize, nameof(pageSize));
        return Walk(continuationToken, default);
    }

    private async IAsyncEnumerable<CoverPage<T>> Walk(string? continuationToken, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = continuationToken is null;
        for (var i = 0; i < _pages.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (started)
            {
                yield return _pages[i];
            }
            else if (string.Equals(_pages[i].ContinuationToken, continuationToken, StringComparison.Ordinal))
            {
                started = true;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
