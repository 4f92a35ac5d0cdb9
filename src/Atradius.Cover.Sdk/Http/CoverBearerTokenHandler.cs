using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Innermost SDK handler (inside the retry, so every attempt gets a current token): attaches the bearer
/// token and the app key to requests for the configured API origin only, and on a 401 renews the token
/// once and repeats the request once (a 401 means the API did not act, so even a POST may be repeated).
/// </summary>
internal sealed class CoverBearerTokenHandler : DelegatingHandler
{
    private readonly CoverClientOptions _options;
    private readonly CoverTokenProvider _tokens;
    private readonly ILogger _logger;
    private System.Net.Http.Headers.AuthenticationHeaderValue? _authorization;

    public CoverBearerTokenHandler(CoverClientOptions options, CoverTokenProvider tokens, ILogger logger)
    {
        _options = options;
        _tokens = tokens;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!CoverEndpointPolicy.MayCarryCredentials(request.RequestUri, _options.BaseAddress!))
        {
            // A link to another host, or plain http: the request goes out, the credentials do not.
            request.Headers.Authorization = null;
            request.Headers.Remove(CoverTokenClient.AppKeyHeader);
            var uri = request.RequestUri;
            CoverLog.CredentialsWithheld(_logger, uri is { IsAbsoluteUri: true } ? uri.GetLeftPart(UriPartial.Authority) : "(relative)");
            CoverRequestDeparture.Mark(request, departed: true);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // The token comes within the attempt's time; until the request is handed on below, a failure proves it unsent.
        // A token request it needs carries the call's correlation id, which a failure then quotes.
        var correlationId = CoverTelemetryHandler.CorrelationIdOf(request);
        string token;
        try
        {
            token = await _tokens.GetTokenAsync(null, correlationId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException cut) when (cut.InnerException is CoverApiException tokenFailure)
        {
            CoverRequestDeparture.NoteTokenFailure(request, tokenFailure.Message);
            throw;
        }

        Authorize(request, token);
        CoverRequestDeparture.Mark(request, departed: true);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // A 401 means the API did not act on the request, so repeating it is safe even for a POST.
        CoverLog.TokenRejected(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty);
        response.Dispose();
        CoverRequestDeparture.Mark(request, departed: false);
        token = await _tokens.GetTokenAsync(token, correlationId, cancellationToken).ConfigureAwait(false);
        Authorize(request, token);
        CoverRequestDeparture.Mark(request, departed: true);

        // A second 401 goes up as it is: the exchange reports it as a CoverAuthenticationException.
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void Authorize(HttpRequestMessage request, string token)
    {
        // One header value per token, not per call; header values are never changed once made, so requests
        // share it as they share HttpClient.DefaultRequestHeaders' values.
        var header = _authorization;
        if (header is null || !string.Equals(header.Parameter, token, StringComparison.Ordinal))
        {
            header = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            _authorization = header;
        }

        request.Headers.Authorization = header;
        request.Headers.Remove(CoverTokenClient.AppKeyHeader);
        if (!string.IsNullOrEmpty(_options.AppKey))
        {
            request.Headers.TryAddWithoutValidation(CoverTokenClient.AppKeyHeader, _options.AppKey);
        }
    }
}
