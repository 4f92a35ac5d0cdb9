using Atradius.Cover.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Atradius Cover client with dependency injection, on top of <c>IHttpClientFactory</c>.
/// </summary>
public static class CoverServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CoverClient"/> (and <see cref="ICoverClient"/>) bound to configuration, validated at
    /// start-up. Give it the application's root configuration (its <c>Atradius:Cover</c> section is used, looked for
    /// when the options are read, so a section from a configuration source added later is found) or the section itself.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The root configuration, or the section holding the <see cref="CoverClientOptions"/>.</param>
    /// <returns>A builder to refine the registration.</returns>
    /// <remarks>
    /// The options are read and validated once, at the registration's first use, and the client and its whole HTTP
    /// pipeline (base address, token handling, retries and timeouts, telemetry) keep that copy for the life of the
    /// service provider, also when <c>IHttpClientFactory</c> rebuilds its handlers. A configuration reload (e.g.
    /// <c>appsettings.json</c> with <c>reloadOnChange</c>) therefore takes effect when the application restarts, and
    /// changes made to the object <c>IOptionsMonitor&lt;CoverClientOptions&gt;.Get(name)</c> returns do not reach the client.
    /// </remarks>
    public static CoverClientBuilder AddAtradiusCover(this IServiceCollection services, IConfiguration configuration) =>
        AddAtradiusCover(services, Options.Options.DefaultName, configuration);

    /// <summary>
    /// Registers <see cref="CoverClient"/> (and <see cref="ICoverClient"/>) configured in code, validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the <see cref="CoverClientOptions"/>.</param>
    /// <returns>A builder to refine the registration.</returns>
    /// <remarks>
    /// The options are read and validated once, at the registration's first use, and kept by the client and its
    /// whole HTTP pipeline for the life of the service provider; a configuration reload takes effect on restart.
    /// </remarks>
    public static CoverClientBuilder AddAtradiusCover(this IServiceCollection services, Action<CoverClientOptions> configure) =>
        AddAtradiusCover(services, Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a named client bound to a configuration section, for hosts that act for several customers;
    /// get it from <see cref="ICoverClientFactory"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The registration name, e.g. <c>customer-a</c>.</param>
    /// <param name="configuration">The section holding this customer's <see cref="CoverClientOptions"/> (or a configuration with an <c>Atradius:Cover</c> section).</param>
    /// <returns>A builder to refine the registration.</returns>
    /// <remarks>
    /// The options are read and validated once, at the registration's first use, and kept by the client and its
    /// whole HTTP pipeline for the life of the service provider; a configuration reload takes effect on restart.
    /// </remarks>
    public static CoverClientBuilder AddAtradiusCover(this IServiceCollection services, string name, IConfiguration configuration)
    {
        _ = configuration ?? throw new ArgumentNullException(nameof(configuration));
        return AddCore(services, name, builder =>
        {
            // Looked for when the options are built, not now: the section may come from a source added after this
            // call (a test host's settings, a later AddJsonFile) or from a reload, and the root bound in its place
            // would lack every setting.
            builder.Configure(options =>
            {
                var section = configuration.GetSection(SectionName);
                (section.Exists() ? section : configuration).Bind(options);
            });

            // What Bind registers besides the binding: a reload of the configuration rebuilds the options the
            // options system hands out.
            builder.Services.AddSingleton<IOptionsChangeTokenSource<CoverClientOptions>>(
                new ConfigurationChangeTokenSource<CoverClientOptions>(builder.Name, configuration));
        });
    }

    /// <summary>The configuration section the options are read from when given the root configuration.</summary>
    public const string SectionName = "Atradius:Cover";

    /// <summary>
    /// Registers a named client configured in code, for hosts that act for several customers;
    /// get it from <see cref="ICoverClientFactory"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The registration name, e.g. <c>customer-a</c>.</param>
    /// <param name="configure">Sets this customer's <see cref="CoverClientOptions"/>.</param>
    /// <returns>A builder to refine the registration.</returns>
    /// <remarks>
    /// The options are read and validated once, at the registration's first use, and kept by the client and its
    /// whole HTTP pipeline for the life of the service provider; a configuration reload takes effect on restart.
    /// </remarks>
    public static CoverClientBuilder AddAtradiusCover(this IServiceCollection services, string name, Action<CoverClientOptions> configure)
    {
        _ = configure ?? throw new ArgumentNullException(nameof(configure));
        return AddCore(services, name, builder => builder.Configure(configure));
    }

    private static CoverClientBuilder AddCore(IServiceCollection services, string name, Action<OptionsBuilder<CoverClientOptions>> configure)
    {
        _ = services ?? throw new ArgumentNullException(nameof(services));
        _ = name ?? throw new ArgumentNullException(nameof(name));

        // A second registration under one name would stack a second resilience handler on the same client.
        if (services.Any(d => d.ServiceType == typeof(CoverRegistration) && d.ImplementationInstance is CoverRegistration r && r.Name == name))
        {
            throw new InvalidOperationException(
                name.Length == 0
                    ? "AddAtradiusCover was already called without a name; register further clients with a name."
                    : $"An Atradius Cover client named '{name}' is already registered.");
        }

        services.AddSingleton(new CoverRegistration(name));
        configure(services.AddOptions<CoverClientOptions>(name));
        services.AddOptions<CoverClientOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CoverClientOptions>, CoverClientOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CoverTokenCache>();
        services.TryAddSingleton<CoverOptionsSnapshots>();
        services.TryAddSingleton<CoverTokenProviderRegistry>();
        services.TryAddSingleton<CoverClientFactory>();
        services.TryAddSingleton<ICoverClientFactory>(sp => sp.GetRequiredService<CoverClientFactory>());
        if (name.Length == 0)
        {
            services.TryAddSingleton(sp => sp.GetRequiredService<CoverClientFactory>().CreateClient(string.Empty));
            services.TryAddSingleton<ICoverClient>(sp => sp.GetRequiredService<CoverClient>());
        }

        // IHttpClientFactory's default loggers put raw header values (Basic credentials, bearer token, app key)
        // in the log state at Trace level even when the message text is redacted, so they are removed; the
        // SDK's telemetry handler logs each call without headers. Redaction stays configured in case a user
        // adds the default logger back.
        var tokenClient = services.AddHttpClient(CoverHttpClientNames.Token(name))
            .ConfigurePrimaryHttpMessageHandler(() => CoverHttpClientFactory.CreatePrimaryHandler())
            .RemoveAllLoggers()
            .RedactLoggedHeaders(IsSensitiveHeader);

        // The token client retries on its own (CoverTokenClient, 1 + MaxRetryAttempts requests inside the attempt's time
        // limit): a resilience handler the host gives every client would multiply those requests and wait past that limit.
#pragma warning disable EXTEXP0001 // Experimental; the only way to take out a handler the host's defaults added.
        tokenClient.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        // Outermost first: telemetry and correlation id, resilience, GET body buffering, bearer token, then the socket.
        var apiClient = services.AddHttpClient(CoverHttpClientNames.Api(name))
            .ConfigureHttpClient((sp, client) =>
            {
                client.BaseAddress = CoverHttpClientFactory.WithTrailingSlash(GetOptions(sp, name).BaseAddress!);
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => CoverHttpClientFactory.CreatePrimaryHandler())
            .RemoveAllLoggers()
            .RedactLoggedHeaders(IsSensitiveHeader)
            .AddHttpMessageHandler(sp => new CoverTelemetryHandler(GetOptions(sp, name), Logger(sp), sp.GetRequiredService<TimeProvider>()));
        // A host may give every client a resilience handler (ConfigureHttpClientDefaults, as the .NET Aspire service
        // defaults do), which runs outside the SDK's own and retries every method: a POST or PUT answered 502 after the
        // service acted would be sent again before the SDK could look whether it was made. This client has one, the
        // SDK's, which repeats only what is safe to repeat.
#pragma warning disable EXTEXP0001 // Experimental; the only way to take out a handler the host's defaults added.
        apiClient.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        apiClient.AddResilienceHandler(CoverResilience.PipelineName, (builder, context) =>
            CoverResilience.Build(builder, GetOptions(context.ServiceProvider, name), Logger(context.ServiceProvider)));
        apiClient.AddHttpMessageHandler(() => new CoverGetBufferingHandler());
        apiClient.AddHttpMessageHandler(sp => new CoverBearerTokenHandler(
            GetOptions(sp, name), sp.GetRequiredService<CoverTokenProviderRegistry>().Get(name), Logger(sp)));

        return new CoverClientBuilder(name, services, apiClient, tokenClient);
    }

    private static bool IsSensitiveHeader(string header) =>
        string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase)
        || string.Equals(header, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || string.Equals(header, CoverTokenClient.AppKeyHeader, StringComparison.OrdinalIgnoreCase)
        || string.Equals(header, "Cookie", StringComparison.OrdinalIgnoreCase)
        || string.Equals(header, "Set-Cookie", StringComparison.OrdinalIgnoreCase);

    // Never IOptionsMonitor directly: the client and each handler rebuild must see the one copy taken at first use.
    private static CoverClientOptions GetOptions(IServiceProvider services, string name) =>
        services.GetRequiredService<CoverOptionsSnapshots>().Get(name);

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(CoverDiagnostics.Name);
}
