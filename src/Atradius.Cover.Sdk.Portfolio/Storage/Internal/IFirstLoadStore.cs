namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// A store that writes the first load of a portfolio in a way of its own, told by the sync when such a load begins
/// and when it has ended. A first load writes a version of every cover and buyer of the portfolio, in the order the
/// service lists them; a store can do better than keep its indexes up to date row by row.
/// </summary>
internal interface IFirstLoadStore
{
    /// <summary>
    /// Called before the first commit of a portfolio's first sync. Until <see cref="EndFirstLoadAsync"/>, the caller
    /// is the only one writing versions of <paramref name="portfolioKey"/>, as a sync holding the portfolio's lease is.
    /// </summary>
    /// <param name="portfolioKey">The portfolio about to be loaded.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>Whether the store writes the load its own way; when it does, <see cref="EndFirstLoadAsync"/> must follow.</returns>
    Task<bool> BeginFirstLoadAsync(string portfolioKey, CancellationToken cancellationToken);

    /// <summary>Called once the load has ended, also when it failed or was cancelled: the store writes as always again.</summary>
    /// <param name="portfolioKey">The portfolio that was loaded.</param>
    /// <param name="cancellationToken">Cancels the wait; the store finishes the work on its next use then.</param>
    /// <returns>A task that completes when the store is back to its usual state.</returns>
    Task EndFirstLoadAsync(string portfolioKey, CancellationToken cancellationToken);
}
