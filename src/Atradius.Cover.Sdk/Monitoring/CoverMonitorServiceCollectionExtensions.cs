using Atradius.Cover.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the cover monitor: a hosted service that keeps the portfolio in sync and raises its changes.</summary>
public static class CoverMonitorServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that runs a <see cref="CoverPortfolioSync"/> on an interval and hands the changes to every
    /// <see cref="ICoverChangeHandler"/> registered in the container. Needs an <see cref="ICoverClient"/> in the
    /// container; uses the registered <see cref="ICoverCheckpointStore"/>, or else a file store in
    /// <see cref="CoverMonitorOptions.CheckpointFolder"/>, or else memory; uses the registered <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the interval, the checkpoint folder and the sync options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAtradiusCoverMonitor(this IServiceCollection services, Action<CoverMonitorOptions>? configure = null)
    {
        _ = services ?? throw new ArgumentNullException(nameof(services));
        var options = services.AddOptions<CoverMonitorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.Interval > TimeSpan.Zero, "CoverMonitorOptions.Interval must be positive.")
            .Validate(o => o.Sync is not null, "CoverMonitorOptions.Sync is required.");

        services.TryAddSingleton<ICoverCheckpointStore>(sp =>
        {
            var folder = sp.GetRequiredService<Options.IOptions<CoverMonitorOptions>>().Value.CheckpointFolder;
            return string.IsNullOrWhiteSpace(folder) ? new InMemoryCoverCheckpointStore() : new FileCoverCheckpointStore(folder!);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CoverMonitorService>());
        return services;
    }

    /// <summary>Registers <typeparamref name="THandler"/> as a scoped <see cref="ICoverChangeHandler"/> of the cover monitor.</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddCoverChangeHandler<THandler>(this IServiceCollection services)
        where THandler : class, ICoverChangeHandler
    {
        _ = services ?? throw new ArgumentNullException(nameof(services));
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICoverChangeHandler, THandler>());
        return services;
    }
}
