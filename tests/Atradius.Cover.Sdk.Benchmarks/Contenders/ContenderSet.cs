using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.Benchmarks.Contenders;

/// <summary>The baseline and our client built both ways, over the same socket, each with its token already fetched.</summary>
public sealed class ContenderSet : IAsyncDisposable
{
    private ServiceProvider? _services;

    private ContenderSet()
    {
    }

    public BaselineCoverClient Baseline { get; private set; } = null!;

    /// <summary>Our client from the public constructor.</summary>
    public CoverClient OursConstructor { get; private set; } = null!;

    /// <summary>Our client from <c>AddAtradiusCover</c>.</summary>
    public CoverClient OursDependencyInjection { get; private set; } = null!;

    /// <param name="endpoint">Where to call.</param>
    /// <param name="socketHandler">Makes the handler under each contender (the canned one is shared; a socket handler is made per contender).</param>
    /// <param name="disposeHandlers">Whether the baseline disposes its handler.</param>
    /// <param name="buyerId">A buyer whose covers the first call reads.</param>
    public static async Task<ContenderSet> CreateAsync(BenchEndpoint endpoint, Func<HttpMessageHandler> socketHandler, bool disposeHandlers, long buyerId = Wire.CannedBodies.BuyerId)
    {
        var set = new ContenderSet
        {
            Baseline = await BaselineCoverClient.CreateAsync(socketHandler(), disposeHandlers, endpoint).ConfigureAwait(false),
            OursConstructor = Ours.WithConstructor(endpoint, socketHandler()),
        };
        (set._services, set.OursDependencyInjection) = Ours.WithDependencyInjection(endpoint, socketHandler);

        // The first call fetches the token; benchmarks measure calls with a warm token, as the baseline's.
        await set.OursConstructor.Decisions.ListAsync(new CoverQuery { BuyerId = buyerId }).ToListAsync().ConfigureAwait(false);
        await set.OursDependencyInjection.Decisions.ListAsync(new CoverQuery { BuyerId = buyerId }).ToListAsync().ConfigureAwait(false);
        return set;
    }

    public async ValueTask DisposeAsync()
    {
        Baseline?.Dispose();
        OursConstructor?.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }
    }
}
