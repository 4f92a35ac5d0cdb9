using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk;

/// <summary>
/// One validated copy of each registration's <see cref="CoverClientOptions"/>, taken at first use and kept for the
/// life of the service provider. The client and every piece of its pipeline (base address, telemetry, resilience,
/// bearer token, token provider) read this copy, never <see cref="IOptionsMonitor{TOptions}"/> again: the
/// <c>IHttpClientFactory</c> rebuilds its handlers every couple of minutes, and after a configuration reload a
/// fresh read would mix settings (the old customer with new credentials, a new base address under old retries).
/// Being a copy, it also keeps out changes made later to the object the options system handed out, which would
/// skip validation. A reload therefore takes effect when the application restarts.
/// </summary>
internal sealed class CoverOptionsSnapshots
{
    private readonly ConcurrentDictionary<string, Lazy<CoverClientOptions>> _snapshots = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<CoverClientOptions> _monitor;

    public CoverOptionsSnapshots(IOptionsMonitor<CoverClientOptions> monitor) => _monitor = monitor;

    /// <summary>
    /// The options of a registration. The first call reads them through the options system, which runs the
    /// registered validators (and throws <see cref="OptionsValidationException"/> naming each bad setting); later
    /// calls return the same instance.
    /// </summary>
    public CoverClientOptions Get(string name)
    {
        _ = name ?? throw new ArgumentNullException(nameof(name));

        // PublicationOnly: threads racing on the first read all get the one copy that is published, and a read that
        // failed validation is not kept: the next read checks the configuration again.
        return _snapshots.GetOrAdd(name, n => new Lazy<CoverClientOptions>(() => _monitor.Get(n).Clone(), LazyThreadSafetyMode.PublicationOnly)).Value;
    }
}
