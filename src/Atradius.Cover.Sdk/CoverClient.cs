using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The client of the Atradius Cover API. It is thread-safe and meant to live as long as the application (one
/// instance, or a singleton from <c>AddAtradiusCover</c>); its sub-clients <see cref="Policies"/>, <see cref="Buyers"/>,
/// <see cref="Applications"/>, <see cref="Decisions"/>, <see cref="Indications"/> and <see cref="Reports"/> group the operations.
/// </summary>
public class CoverClient : ICoverClient, IDisposable, IAsyncDisposable
{
    private readonly HttpClient? _httpClient;
    private readonly bool _ownsHttpClient;
    private int _disposed;

    /// <summary>
    /// Creates a client with its own HTTP pipeline (token handling, retries, telemetry) built from
    /// <paramref name="options"/>. Dispose it when the application stops.
    /// </summary>
    /// <param name="options">
    /// Address, token endpoint and client credentials, and optional behaviour. The client validates and keeps a
    /// copy: changes made to <paramref name="options"/> afterwards do not reach it.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid; the message names each one.</exception>
    /// <remarks>The client logs nothing (<see cref="CoverClientOptions.LogBodies"/> included): to have its logs, use <see cref="CoverClient(CoverClientOptions, ILoggerFactory?)"/>.</remarks>
    public CoverClient(CoverClientOptions options)
        : this(options, loggerFactory: null)
    {
    }

    /// <summary>
    /// Creates a client with its own HTTP pipeline (token handling, retries, telemetry) built from
    /// <paramref name="options"/>, logging through <paramref name="loggerFactory"/>. Dispose it when the application stops.
    /// </summary>
    /// <param name="options">
    /// Address, token endpoint and client credentials, and optional behaviour. The client validates and keeps a
    /// copy: changes made to <paramref name="options"/> afterwards do not reach it.
    /// </param>
    /// <param name="loggerFactory">
    /// Where the client's log events go (category <c>Atradius.Cover.Sdk</c>; docs/telemetry.md lists them), the bodies
    /// of <see cref="CoverClientOptions.LogBodies"/> included: the host's, or one of your own. The client does not
    /// dispose it. Null: the client logs nothing.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid; the message names each one.</exception>
    public CoverClient(CoverClientOptions options, ILoggerFactory? loggerFactory)
        : this(options, loggerFactory, CoverHttpClientFactory.CreatePrimaryHandler())
    {
    }

    /// <summary>
    /// The public constructor's pipeline over a given socket handler (benchmarks pass an in-process one), so
    /// that everything above the socket is exactly what users get. The client disposes the handler.
    /// </summary>
    internal CoverClient(CoverClientOptions options, HttpMessageHandler socketHandler)
        : this(options, null, socketHandler)
    {
    }

    /// <summary>The public constructor's pipeline, logging through <paramref name="loggerFactory"/>, over a given socket handler.</summary>
    internal CoverClient(CoverClientOptions options, ILoggerFactory? loggerFactory, HttpMessageHandler socketHandler)
        : this(Build(options, loggerFactory ?? NullLoggerFactory.Instance, socketHandler))
    {
    }

    private CoverClient((HttpClient HttpClient, CoverClientOptions Options, ILoggerFactory LoggerFactory) built)
        : this(built.HttpClient, built.Options, built.LoggerFactory, TimeProvider.System, ownsHttpClient: true)
    {
    }

    /// <summary>For mocking: a client whose members are all overridden.</summary>
    protected CoverClient()
    {
        Policies = null!;
        Buyers = null!;
        Applications = null!;
        Decisions = null!;
        Indications = null!;
        Reports = null!;
    }

    internal CoverClient(HttpClient httpClient, CoverClientOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, bool ownsHttpClient)
        : this(() => httpClient, options, loggerFactory, timeProvider)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        if (httpClient.BaseAddress is { } address && address.AbsoluteUri[address.AbsoluteUri.Length - 1] != '/')
        {
            // Operation paths are relative: without the slash the last segment of the base address would be dropped.
            throw new ArgumentException("The HttpClient's BaseAddress must end with '/'.", nameof(httpClient));
        }

        _ownsHttpClient = ownsHttpClient;
    }

    /// <summary>
    /// A client that takes an <see cref="HttpClient"/> from <paramref name="httpClients"/> for each request and owns none:
    /// dependency injection gives IHttpClientFactory's, whose handlers are rebuilt once their lifetime is over. Each
    /// client given must have its base address ending in '/'.
    /// </summary>
    internal CoverClient(Func<HttpClient> httpClients, CoverClientOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _ = httpClients ?? throw new ArgumentNullException(nameof(httpClients));
        _ = options ?? throw new ArgumentNullException(nameof(options));
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(CoverDiagnostics.Name);
        var core = new CoverClientCore(new CoverTransport(httpClients, options, logger), options, timeProvider ?? TimeProvider.System, logger);
        Policies = new PoliciesClient(core);
        Buyers = new BuyersClient(core);
        Applications = new ApplicationsClient(core);
        Decisions = new DecisionsClient(core);
        Indications = new IndicationsClient(core);
        Reports = new ReportsClient(this, core.Time);
    }

    /// <summary>Reads the customer's policy details.</summary>
    public virtual PoliciesClient Policies { get; }

    /// <summary>Finds buyers and their Atradius Buyer ID, and lists the policy's buyers with their rating changes.</summary>
    public virtual BuyersClient Buyers { get; }

    /// <summary>Applies for cover and follows referred applications.</summary>
    public virtual ApplicationsClient Applications { get; }

    /// <summary>Reads the portfolio (current, decided, historic; one cover; a cover's history) and changes cover: increase, reduce, cancel.</summary>
    public virtual DecisionsClient Decisions { get; }

    /// <summary>Lists indications and converts them into credit limits.</summary>
    public virtual IndicationsClient Indications { get; }

    /// <summary>Builds portfolio reports: cover and exposure by currency, country, rating and code; pending applications; notices.</summary>
    public virtual ReportsClient Reports { get; }

    /// <summary>Releases the HTTP pipeline this client created; a pipeline given by dependency injection is left to its owner.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the HTTP pipeline this client created; a pipeline given by dependency injection is left to its owner.</summary>
    /// <returns>A completed task: nothing is released asynchronously.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
        return default;
    }

    /// <summary>Releases the HTTP pipeline this client created.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsHttpClient)
        {
            _httpClient?.Dispose();
        }
    }

    /// <summary>
    /// Builds the pipeline and the client from one validated copy of the caller's options, so that every part of
    /// it (token handling, retries, telemetry, the customer and policy of each call) sees the same settings whatever
    /// the caller does to its own object afterwards; a change made later would otherwise skip validation.
    /// </summary>
    private static (HttpClient HttpClient, CoverClientOptions Options, ILoggerFactory LoggerFactory) Build(CoverClientOptions options, ILoggerFactory loggerFactory, HttpMessageHandler socketHandler)
    {
        if (options is null)
        {
            socketHandler.Dispose();
            throw new ArgumentNullException(nameof(options));
        }

        var snapshot = options.Clone();
        return (CreateHttpClient(snapshot, loggerFactory, socketHandler), snapshot, loggerFactory);
    }

    private static HttpClient CreateHttpClient(CoverClientOptions options, ILoggerFactory loggerFactory, HttpMessageHandler socketHandler)
    {
        try
        {
            return CoverHttpClientFactory.CreateStandalone(options, loggerFactory, null, socketHandler);
        }
        catch
        {
            // Invalid options throw before the pipeline takes ownership of the socket handler.
            socketHandler.Dispose();
            throw;
        }
    }
}
