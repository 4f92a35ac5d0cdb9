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
            return SendCountedAsync(counter, request, cancellationToken);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendCountedAsync(CoverAttemptCounter counter, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // No answer: the request may have reached the server and been acted on.
            counter.MarkUnanswered();
            throw;
        }
    }
}
