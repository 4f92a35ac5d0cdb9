using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Builds one <see cref="CoverClient"/> per registration name over the <c>IHttpClientFactory</c> pipeline, sending
/// through the factory's handler of the moment (<see cref="CurrentHandlerHttpClient"/>), and gives the facade the
/// <see cref="HttpClient"/> of a registration.
/// </summary>
internal sealed class CoverClientFactory : ICoverClientFactory
{
    private readonly ConcurrentDictionary<string, Lazy<CoverClient>> _clients = new(StringComparer.Ordinal);
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IHttpMessageHandlerFactory _handlerFactory;
    private readonly CoverOptionsSnapshots _options;
    private readonly HashSet<string> _names;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;

    public CoverClientFactory(IHttpClientFactory httpClientFactory, IHttpMessageHandlerFactory handlerFactory, CoverOptionsSnapshots options, IEnumerable<CoverRegistration> registrations, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _httpClientFactory = httpClientFactory;
        _handlerFactory = handlerFactory;
        _options = options;
        _names = new HashSet<string>(registrations.Select(r => r.Name), StringComparer.Ordinal);
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
    }

    public CoverClient CreateClient(string name)
    {
        _ = name ?? throw new ArgumentNullException(nameof(name));
        EnsureRegistered(name);
        var lazy = _clients.GetOrAdd(name, n => new Lazy<CoverClient>(() =>
        {
            // The options first: invalid settings fail here with their own message, before the pipeline is built
            // (from the very same copy).
            var options = _options.Get(n);
            var apiName = CoverHttpClientNames.Api(n);

            // The handler of the moment for each request, not the first one for the client's life: the factory rebuilds
            // its handlers once their lifetime is over (SetHandlerLifetime, ConfigurePrimaryHttpMessageHandler). The
            // pipeline is built here, so that one that cannot be built (a shared token cache without its services, in
            // a container no host started) fails the resolution of the client, not its first call.
            var httpClients = new CurrentHandlerHttpClient(_httpClientFactory, _handlerFactory, apiName);
            _ = httpClients.Get();
            return new CoverClient(httpClients.Get, options, _loggerFactory, _timeProvider);
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A Lazy keeps its exception: without this, settings corrected after a failed first use would never be
            // read again for the life of the container.
            // Removed only while it is still this Lazy (netstandard2.0 has no TryRemove(KeyValuePair)).
            ((ICollection<KeyValuePair<string, Lazy<CoverClient>>>)_clients).Remove(new KeyValuePair<string, Lazy<CoverClient>>(name, lazy));
            throw;
        }
    }

    /// <summary>
    /// The HTTP client of a registration: base address set (ending in '/'), whole pipeline in place.
    /// Cheap; the factory pools the handlers.
    /// </summary>
    public HttpClient CreateHttpClient(string name)
    {
        EnsureRegistered(name);
        return _httpClientFactory.CreateClient(CoverHttpClientNames.Api(name));
    }

    private void EnsureRegistered(string name)
    {
        if (!_names.Contains(name))
        {
            throw new InvalidOperationException(
                $"No Atradius Cover client named '{name}' is registered. Call services.AddAtradiusCover(\"{name}\", ...) first.");
        }
    }
}
