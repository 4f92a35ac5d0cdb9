namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Hands each change to every registered handler in turn.</summary>
internal sealed class CompositeChangeHandler(IReadOnlyList<ICoverChangeHandler> handlers) : ICoverChangeHandler
{
    public async Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(change, cancellationToken).ConfigureAwait(false);
        }
    }
}
