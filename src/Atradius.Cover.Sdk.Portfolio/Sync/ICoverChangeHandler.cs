namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Receives the classified changes of a sync, in the order they were committed, one at a time: the next call starts
/// after the previous one completed, though not always on the same thread (a sync reads on while a chunk is delivered).
/// </summary>
public interface ICoverChangeHandler
{
    /// <summary>Handles one change. A change is marked delivered only after this returns; an exception stops the delivery and the change is delivered again next time.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    /// <returns>A task that completes when the change is handled.</returns>
    Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken);
}
