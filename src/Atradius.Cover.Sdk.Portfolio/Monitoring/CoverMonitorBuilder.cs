#if NET
using System.Diagnostics.CodeAnalysis;
#endif
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Configures the monitor registered by <see cref="CoverMonitorServiceCollectionExtensions.AddAtradiusCoverMonitor"/>.</summary>
public sealed class CoverMonitorBuilder
{
    internal CoverMonitorBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Keeps the portfolio in a SQLite file (the default, at <see cref="CoverMonitorOptions.SqlitePath"/>).</summary>
    /// <param name="databasePath">The file; created on first use. A relative path is taken from the host's content root.</param>
    /// <returns>This builder.</returns>
    public CoverMonitorBuilder UseSqlite(string databasePath)
    {
        if (string.IsNullOrWhiteSpace(databasePath))
        {
            throw new ArgumentException("The SQLite database path must not be empty.", nameof(databasePath));
        }

        return UseStore(sp => new SqliteCoverPortfolioStore(CoverMonitorServiceCollectionExtensions.InContentRoot(sp, databasePath)));
    }

    /// <summary>Keeps the portfolio in memory: lost on restart; for tests and demonstrations.</summary>
    /// <returns>This builder.</returns>
    public CoverMonitorBuilder UseInMemoryStore() => UseStore(_ => new InMemoryCoverPortfolioStore());

    /// <summary>Keeps the portfolio in a store of the caller's making.</summary>
    /// <param name="factory">Creates the store (a singleton).</param>
    /// <returns>This builder.</returns>
    public CoverMonitorBuilder UseStore(Func<IServiceProvider, ICoverPortfolioStore> factory)
    {
        _ = factory ?? throw new ArgumentNullException(nameof(factory));
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>
    /// Adds a handler for the classified changes; with none, the monitor logs each change. It is scoped: each sync
    /// resolves it in a scope of its own, released when the sync ends, so it may take scoped services such as a
    /// DbContext. A change counts as delivered once the handler returns, so the handler finishes its work there (a unit
    /// of work that commits on dispose would commit after that). For one instance across syncs, add it with
    /// <see cref="AddHandler(ICoverChangeHandler)"/>.
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <returns>This builder.</returns>
    public CoverMonitorBuilder AddHandler<
#if NET
        // The container creates the handler: trimming must keep its public constructors.
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
#endif
        THandler>()
        where THandler : class, ICoverChangeHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<ICoverChangeHandler, THandler>());
        return this;
    }

    /// <summary>
    /// Adds a handler instance for the classified changes. Adding the same instance again adds nothing: it receives
    /// each change once, as a handler type added twice with <see cref="AddHandler{THandler}"/> does.
    /// </summary>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public CoverMonitorBuilder AddHandler(ICoverChangeHandler handler)
    {
        _ = handler ?? throw new ArgumentNullException(nameof(handler));
        // Compared by reference, not by type as TryAddEnumerable would: two instances of one type are two handlers.
        if (!Services.Any(d => d.ServiceType == typeof(ICoverChangeHandler) && !d.IsKeyedService && ReferenceEquals(d.ImplementationInstance, handler)))
        {
            Services.AddSingleton(handler);
        }

        return this;
    }

    /// <summary>Reads the lists from a source other than the registered client (for example in tests).</summary>
    /// <param name="source">The source.</param>
    /// <returns>This builder.</returns>
    public CoverMonitorBuilder UseSource(ICoverPortfolioSource source)
    {
        _ = source ?? throw new ArgumentNullException(nameof(source));
        Services.Replace(ServiceDescriptor.Singleton(source));
        return this;
    }

    /// <summary>
    /// Reads the lists from a source made from the host's services, for one that needs the registered client: for
    /// example a broker's <c>sp =&gt; new CoverClientPortfolioSource(sp.GetRequiredService&lt;ICoverClient&gt;(), customerId, policyId)</c>.
    /// </summary>
    /// <param name="factory">Creates the source (a singleton).</param>
    /// <returns>This builder.</returns>
    public CoverMonitorBuilder UseSource(Func<IServiceProvider, ICoverPortfolioSource> factory)
    {
        _ = factory ?? throw new ArgumentNullException(nameof(factory));
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }
}
