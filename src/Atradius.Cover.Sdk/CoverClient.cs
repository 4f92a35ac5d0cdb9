// Placeholder: replaced by the facade.
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The Atradius Cover API client. Thread-safe; create one and reuse it.
/// </summary>
public class CoverClient : ICoverClient, IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;

    /// <summary>Creates a client with its own HTTP pipeline.</summary>
    /// <param name="options">The settings; validated before any request is sent.</param>
    public CoverClient(CoverClientOptions options)
        : this(CoverHttpClientFactory.CreateStandalone(options), options, NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true)
    {
    }

    internal CoverClient(HttpClient httpClient, CoverClientOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, bool ownsHttpClient)
    {
        _httpClient = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _ = options;
        _ = loggerFactory;
        _ = timeProvider;
    }

    /// <summary>Releases the HTTP pipeline when the client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
