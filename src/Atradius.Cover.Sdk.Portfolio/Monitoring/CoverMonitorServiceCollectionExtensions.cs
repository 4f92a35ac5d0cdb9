using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Registers the hosted portfolio monitor.</summary>
public static class CoverMonitorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CoverMonitorService"/>: the portfolio sync on an interval, on a store registered in DI
    /// (a SQLite file unless the builder says otherwise), taking the store's lease so that one instance at a time
    /// syncs. Needs the client registered with <c>AddAtradiusCover</c> unless the builder sets a source. Called
    /// again, it adds its options to the one monitor already registered; calls that name different portfolios (another
    /// <see cref="CoverMonitorOptions.PortfolioKey"/>, <see cref="CoverMonitorOptions.CustomerId"/>,
    /// <see cref="CoverMonitorOptions.PolicyId"/> or <see cref="CoverMonitorOptions.ClientName"/> than an earlier call
    /// set) stop the host at start, as one monitor would watch only the last.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; defaults when null.</param>
    /// <returns>A builder to choose the store and add handlers.</returns>
    public static CoverMonitorBuilder AddAtradiusCoverMonitor(this IServiceCollection services, Action<CoverMonitorOptions>? configure = null)
    {
        _ = services ?? throw new ArgumentNullException(nameof(services));
        var options = services.AddOptions<CoverMonitorOptions>();
        if (configure is not null)
        {
            options.Configure(o =>
            {
                // One monitor per host: a call that points it at another portfolio than an earlier call did would leave
                // the earlier portfolio unwatched without a word. What each call names is recorded, and two calls
                // naming different portfolios are refused when the host starts.
                var before = o.PortfolioNamed();
                configure(o);
                o.RecordPortfolioNamedByCall(before);
            });
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CoverMonitorOptions>, CoverMonitorOptionsValidator>());
        options.ValidateOnStart();

        if (services.Any(d => d.ServiceType == typeof(CoverMonitorService)))
        {
            // Registered already (by a library and the app, say): one monitor, with both calls' options. A second
            // registration would start the one service twice, and the host would stop only one of its loops.
            return new CoverMonitorBuilder(services);
        }

        services.TryAddSingleton<ICoverPortfolioStore>(DefaultStore);
        services.TryAddSingleton<ICoverPortfolioSource>(sp =>
        {
            // The options' validator has refused a customer or policy the source would refuse, naming the setting.
            var monitorOptions = sp.GetRequiredService<IOptions<CoverMonitorOptions>>().Value;
            return new CoverClientPortfolioSource(CoverClientResolver.Resolve(sp, monitorOptions.ClientName), monitorOptions.CustomerId, monitorOptions.PolicyId);
        });
        services.AddSingleton(sp =>
        {
            // The derived key goes into a copy: the IOptions value is shared, and every other reader of it (a health
            // check, a second service on the same options) would otherwise see a key it was never configured with.
            var monitorOptions = sp.GetRequiredService<IOptions<CoverMonitorOptions>>().Value.Clone();
            if (string.IsNullOrWhiteSpace(monitorOptions.PortfolioKey))
            {
                monitorOptions.PortfolioKey = DefaultPortfolioKey(sp, monitorOptions.ClientName, sp.GetRequiredService<ICoverPortfolioSource>() as CoverClientPortfolioSource);
            }

            return new CoverMonitorService(
                sp.GetRequiredService<ICoverPortfolioStore>(),
                sp.GetRequiredService<ICoverPortfolioSource>(),
                new ScopedChangeHandlers(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetService<ILoggerFactory>(), monitorOptions.PortfolioKey),
                monitorOptions,
                sp.GetService<ILogger<CoverMonitorService>>(),
                sp.GetService<TimeProvider>());
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<CoverMonitorService>());
        return new CoverMonitorBuilder(services);
    }

    /// <summary>
    /// The store of a host that registers none: the SQLite file <see cref="CoverMonitorOptions.SqlitePath"/>. The monitor
    /// and the report scheduler both register it, and whichever registers first makes the store the other uses, so the
    /// two must open the same file whatever their order.
    /// </summary>
    internal static ICoverPortfolioStore DefaultStore(IServiceProvider services)
    {
        // The store would refuse it under its own argument name, which the monitor's user never set.
        var path = services.GetRequiredService<IOptions<CoverMonitorOptions>>().Value.SqlitePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OptionsValidationException(nameof(CoverMonitorOptions), typeof(CoverMonitorOptions), ["CoverMonitorOptions.SqlitePath must name the SQLite file when no other store is configured."]);
        }

        return new SqliteCoverPortfolioStore(InContentRoot(services, path));
    }

    /// <summary>
    /// A relative SQLite path taken from the host's content root, where its configuration files are read from, not from
    /// the working folder: a worker started by a service manager (a Windows service's is System32) or from another
    /// folder would otherwise open an empty database and report the whole portfolio again as new.
    /// </summary>
    internal static string InContentRoot(IServiceProvider services, string path) =>
        Path.IsPathRooted(path) || services.GetService<IHostEnvironment>() is not { ContentRootPath: { Length: > 0 } root }
            ? path
            : Path.Combine(root, path);

    // A source over another customer (a broker's) keys the portfolio by that customer: keyed by the client's own, its
    // covers would be taken for the client's own portfolio's, and each sync of one would report the other's ended.
    private static string DefaultPortfolioKey(IServiceProvider services, string? clientName, CoverClientPortfolioSource? source)
    {
        var client = services.GetService<IOptionsMonitor<CoverClientOptions>>()?.Get(string.IsNullOrEmpty(clientName) ? Options.DefaultName : clientName);
        if ((source?.CustomerId ?? client?.CustomerId) is not { } customer)
        {
            var which = string.IsNullOrEmpty(clientName) ? "the Atradius Cover client" : "the Atradius Cover client '" + clientName + "'";
            throw new OptionsValidationException(nameof(CoverMonitorOptions), typeof(CoverMonitorOptions), ["CoverMonitorOptions.PortfolioKey is empty and no CustomerId is configured for " + which + " to derive it from."]);
        }

        var own = client?.CustomerId is { } clientCustomer && clientCustomer == customer;
        // The policy as the client sends it, without blanks around it: "5012345 " in a configuration file is policy
        // 5012345, and keyed with the blank the portfolio's history would split once the file is tidied.
        var policy = source?.PolicyId?.Trim() ?? (!own ? "all" : string.IsNullOrWhiteSpace(client!.PolicyId) ? "live" : client.PolicyId!.Trim());
        return customer.ToString(CultureInfo.InvariantCulture) + "/" + policy;
    }
}
