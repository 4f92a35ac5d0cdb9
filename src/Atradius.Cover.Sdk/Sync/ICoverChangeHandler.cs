namespace Atradius.Cover.Sdk;

/// <summary>
/// Receives the changes a portfolio sync found, one page at a time. Register implementations in DI for the cover
/// monitor, or pass one to <see cref="CoverPortfolioSync.RunAsync(ICoverChangeHandler, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Delivery is at least once: the sync saves its checkpoint only after this method returns, so after a crash or a
/// thrown exception the same changes come again. Make handling idempotent (for example an upsert keyed by
/// <see cref="CoverSnapshot.CoverId"/> and <see cref="CoverSnapshot.Version"/>).
/// </remarks>
public interface ICoverChangeHandler
{
    /// <summary>Handles one page of changes; throw to have them delivered again on the next run.</summary>
    /// <param name="changes">The changes, oldest first; never empty.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    /// <returns>A task that completes when the changes are safely handled.</returns>
    Task HandleAsync(IReadOnlyList<CoverPortfolioChange> changes, CancellationToken cancellationToken = default);
}
