namespace Atradius.Cover.Sdk;

/// <summary>
/// A list the service answers whole (the real service has no paging), read as a stream: each item is handed
/// over as soon as it has arrived, so even 100,000 covers are never held in memory. Every enumeration sends the
/// request again. <see cref="Response"/> is set once the answer's headers have arrived.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public class CoverAsyncList<T> : IAsyncEnumerable<T>
{
    private readonly Func<Action<CoverResponseInfo>, CancellationToken, IAsyncEnumerable<T>>? _source;
    private readonly CancellationToken _cancellationToken;

    internal CoverAsyncList(Func<Action<CoverResponseInfo>, CancellationToken, IAsyncEnumerable<T>> source, CancellationToken cancellationToken)
    {
        _source = source;
        _cancellationToken = cancellationToken;
    }

    /// <summary>For mocking: a list whose members are overridden.</summary>
    protected CoverAsyncList()
    {
    }

    /// <summary>Gets the answer of the latest enumeration once its headers have arrived; null before.</summary>
    public virtual CoverResponseInfo? Response { get; private set; }

    /// <summary>Sends the request and reads the items as they arrive.</summary>
    /// <param name="cancellationToken">Cancels the enumeration (together with the token the list was created with).</param>
    /// <returns>The enumerator.</returns>
    public virtual IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var source = _source ?? throw new InvalidOperationException("This instance was created for mocking.");
        if (!cancellationToken.CanBeCanceled)
        {
            cancellationToken = _cancellationToken;
        }
        else if (_cancellationToken.CanBeCanceled)
        {
            return Linked(source, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        return source(info => Response = info, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>Reads every item into a list; for lists known to be small.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items.</returns>
    public virtual async Task<IReadOnlyList<T>> ToListAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (var item in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    private async IAsyncEnumerable<T> Linked(Func<Action<CoverResponseInfo>, CancellationToken, IAsyncEnumerable<T>> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellationToken);
        await foreach (var item in source(info => Response = info, linked.Token).WithCancellation(linked.Token).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
