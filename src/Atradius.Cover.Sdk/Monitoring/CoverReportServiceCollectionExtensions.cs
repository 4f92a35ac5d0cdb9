using Atradius.Cover.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers scheduled portfolio reports.</summary>
public static class CoverReportServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that makes a portfolio report on an interval, renders it and hands the files to every
    /// <see cref="ICoverReportSink"/> in the container (a <see cref="FolderCoverReportSink"/> on
    /// <see cref="CoverReportScheduleOptions.OutputFolder"/> when none is registered). Needs an <see cref="ICoverClient"/>
    /// in the container; uses the registered <see cref="TimeProvider"/>. A failed report is logged and made again next tick.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the interval, the definition, the formats and the folder.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAtradiusCoverReports(this IServiceCollection services, Action<CoverReportScheduleOptions>? configure = null)
    {
        _ = services ?? throw new ArgumentNullException(nameof(services));
        var options = services.AddOptions<CoverReportScheduleOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.Interval > TimeSpan.Zero, "CoverReportScheduleOptions.Interval must be positive.")
            .Validate(o => o.Definition is not null, "CoverReportScheduleOptions.Definition is required.");

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CoverReportService>());
        return services;
    }
}
