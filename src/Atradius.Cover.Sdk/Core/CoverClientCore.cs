namespace Atradius.Cover.Sdk;

/// <summary>What the sub-clients share: the low-level client, the options and the clock.</summary>
internal sealed class CoverClientCore
{
    public CoverClientCore(HttpClient httpClient, CoverClientOptions options, TimeProvider timeProvider)
    {
        Http = httpClient;
        Api = new CoverServiceClient(httpClient, options.Resilience.TotalTimeout);
        Options = options;
        Time = timeProvider;
    }

    public CoverServiceClient Api { get; }

    /// <summary>The pipeline under <see cref="Api"/>, for the calls written by hand (<see cref="CoverDirectCalls"/>).</summary>
    public HttpClient Http { get; }

    public CoverClientOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>The caller's idempotency key, or a new one for this logical call.</summary>
    public static string IdempotencyKey(string? given) => given ?? Guid.NewGuid().ToString("D");
}
