namespace Atradius.Cover.Sdk.Portfolio.Tests.Storage;

public sealed class InMemoryCoverPortfolioStoreTests : CoverPortfolioStoreConformance
{
    protected override Task<ICoverPortfolioStore> CreateStoreAsync() =>
        Task.FromResult<ICoverPortfolioStore>(new InMemoryCoverPortfolioStore(Clock));
}
