namespace Atradius.Cover.Sdk;

/// <summary>
/// Counts each attempt of a request. It must sit inside the resilience handler (so that it sees every retry),
/// for example just above the socket handler.
/// </summary>
internal sealed class CoverAttemptCountingHandler : DelegatingHandler
{
    public CoverAttemptCountingHandler()
    {
    }

    public CoverAttemptCountingHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CoverAttempts.Current is { } counter)
        {
            var attempt = counter.Increment();
#if NET5_0_OR_GREATER
            request.Options.Set(CoverAttempts.OptionKey, attempt);
#else
            request.Properties[CoverAttempts.OptionName] = attempt;
#endif
        }

        return base.SendAsync(request, cancellationToken);
    }
}
