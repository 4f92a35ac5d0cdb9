using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Registers the scheduled report service.</summary>
public static class CoverReportSchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CoverReportSchedulerService"/>, which produces the configured reports on their intervals
    /// and records each run in the registered store (the monitor's SQLite file, <see cref="CoverMonitorOptions.SqlitePath"/>
    /// taken from the host's content root when relative, unless a store is registered). Needs the client registered with <c>AddAtradiusCover</c>
    /// (under <see cref="CoverReportSchedulerOptions.ClientName"/> when that is set). A relative
    /// <see cref="CoverReportSchedule.OutputDirectory"/> is taken from the host's content root.
    /// Called again, it adds its schedules to the one scheduler already registered; calls that name different
    /// <see cref="CoverReportSchedulerOptions.ClientName"/>s stop the host at start, as the one scheduler would read every
    /// report with the last.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds the schedules.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddAtradiusCoverReportScheduler(this IServiceCollection services, Action<CoverReportSchedulerOptions> configure)
    {
        _ = services ?? throw new ArgumentNullException(nameof(services));
        _ = configure ?? throw new ArgumentNullException(nameof(configure));
        services.AddOptions<CoverReportSchedulerOptions>().Configure(o =>
        {
            var before = o.ClientName;
            configure(o);
            o.RecordClientNamedByCall(before);
        });
        if (services.Any(d => d.ServiceType == typeof(CoverReportSchedulerService)))
        {
            // Registered already (by a library and the app, say): one scheduler, with both calls' schedules. A second
            // hosted service would start the one scheduler twice, and the host would stop only one of its loops.
            return services;
        }

        // The monitor's file (CoverMonitorOptions.SqlitePath, the default unless a monitor sets it): registered after the
        // scheduler, the monitor finds this store already there and keeps the portfolio in it.
        services.TryAddSingleton<ICoverPortfolioStore>(CoverMonitorServiceCollectionExtensions.DefaultStore);
        services.TryAddSingleton(sp =>
        {
            // A relative folder is the host's, as the monitor's SQLite file is: a worker started by a service manager
            // (a Windows service's working folder is System32) would otherwise write its reports there, or fail to.
            var options = sp.GetRequiredService<IOptions<CoverReportSchedulerOptions>>().Value.Clone();
            foreach (var schedule in options.Schedules)
            {
                if (schedule is not null && !string.IsNullOrWhiteSpace(schedule.OutputDirectory))
                {
                    schedule.OutputDirectory = CoverMonitorServiceCollectionExtensions.InContentRoot(sp, schedule.OutputDirectory);
                }
            }

            return new CoverReportSchedulerService(
                CoverClientResolver.Resolve(sp, options.ClientName),
                sp.GetRequiredService<ICoverPortfolioStore>(),
                options,
                sp.GetService<TimeProvider>(),
                sp.GetService<ILogger<CoverReportSchedulerService>>());
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<CoverReportSchedulerService>());
        return services;
    }
}
