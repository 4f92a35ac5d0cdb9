using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The registered handlers of the monitor, resolved in a scope of their own for each sync and released when it ends,
/// as a hosted service's work is scoped: a handler may take scoped services (a DbContext, a unit of work), and
/// one sync's instances are never held into the next. With none registered, each sync's changes are logged
/// (<see cref="LoggingChangeHandler"/>, under the portfolio's key).
/// </summary>
internal sealed class ScopedChangeHandlers(IServiceScopeFactory scopes, ILoggerFactory? loggerFactory, string portfolioKey) : ICoverChangeHandler
{
    private AsyncServiceScope? _scope;
    private ICoverChangeHandler? _handler;

    public Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken) =>
        (_handler ??= Begin()).HandleAsync(change, cancellationToken);

    /// <summary>Releases the sync's scope and the handlers resolved in it; the next change begins another.</summary>
    /// <param name="completed">Whether the sync ran to its end.</param>
    public async ValueTask EndSyncAsync(bool completed)
    {
        if (_handler is LoggingChangeHandler logging)
        {
            logging.EndSync(completed);
        }

        if (_scope is { } scope)
        {
            _scope = null;
            _handler = null;
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ICoverChangeHandler Begin()
    {
        var scope = scopes.CreateAsyncScope();
        _scope = scope;
        var handlers = scope.ServiceProvider.GetServices<ICoverChangeHandler>().ToList();
        return handlers.Count switch
        {
            0 => new LoggingChangeHandler(loggerFactory?.CreateLogger("Atradius.Cover.Sdk.Portfolio.Changes") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, portfolioKey),
            1 => handlers[0],
            _ => new CompositeChangeHandler(handlers),
        };
    }
}
