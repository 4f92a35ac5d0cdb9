using System.Globalization;
using System.Text;
using System.Text.Json;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk;

/// <summary>A token as the endpoint issued it.</summary>
internal readonly struct CoverIssuedToken
{
    public CoverIssuedToken(string value, TimeSpan lifetime)
    {
        Value = value;
        Lifetime = lifetime;
    }

    public string Value { get; }

    public TimeSpan Lifetime { get; }
}

/// <summary>
/// Obtains access tokens with the client-credentials grant, from the Atradius endpoint (the default) or a standard
/// OAuth 2.0 endpoint (through Duende.IdentityModel). A 429, a 5xx or a failure to get an answer is retried with
/// exponential back-off (<see cref="CoverResilienceOptions.MaxRetryAttempts"/>, <see cref="CoverResilienceOptions.BaseDelay"/>):
/// asking for a token again changes nothing on the service. Only a refusal of the credentials (400
/// <c>invalid_client</c>, 401) is a <see cref="CoverAuthenticationException"/>. Every attempt carries the correlation id
/// of the call that needed the token, and a failure names it as its <see cref="CoverApiException.CorrelationId"/>. Each retry is logged and counted as the
/// pipeline's are (<see cref="CoverResilience.Retrying"/>).
/// </summary>
internal sealed class CoverTokenClient
{
    /// <summary>The header that carries the Atradius application key.</summary>
    public const string AppKeyHeader = "Atradius-App-Key";

    private readonly Func<HttpClient> _httpClient;
    private readonly CoverClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CoverTokenClient(Func<HttpClient> httpClient, CoverClientOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _httpClient = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Asks for a token, again after a transient failure.</summary>
    /// <param name="correlationId">The <c>Atradius-Correlation-Id</c> of the call that needs the token (a new one when null), sent with every attempt.</param>
    /// <param name="cancellationToken">Cancels the request and the waits between attempts.</param>
    public async Task<CoverIssuedToken> RequestTokenAsync(string? correlationId = null, CancellationToken cancellationToken = default)
    {
        correlationId ??= CoverCorrelationId.New();
        for (var attempt = 1; ; attempt++)
        {
            var (token, failure, transient, outcome) = _options.TokenEndpointStyle == CoverTokenEndpointStyle.OAuth2
                ? await RequestOAuth2TokenAsync(correlationId, cancellationToken).ConfigureAwait(false)
                : await RequestAtradiusTokenAsync(correlationId, cancellationToken).ConfigureAwait(false);
            if (token is { } issued)
            {
                return issued;
            }

            if (!transient || attempt > _options.Resilience.MaxRetryAttempts)
            {
                throw failure!;
            }

            var delay = CoverResilience.BackOff(_options.Resilience.BaseDelay, attempt);
            CoverResilience.Retrying(_logger, HttpMethod.Post.Method, _options.EffectiveTokenEndpoint, attempt, delay, outcome!);
            if (delay > TimeSpan.Zero)
            {
                try
                {
#if NET8_0_OR_GREATER
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
#else
                    await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
#endif
                }
                catch (OperationCanceledException cancelled)
                {
                    // The token is asked for within the attempt of the API call that needs it, and the attempt's time
                    // limit (or the caller) cut the wait short: the failure waited out goes with the cancellation, so
                    // that the call can name the endpoint's failure rather than only a time that ran out.
                    throw new OperationCanceledException(failure!.Message, failure, cancelled.CancellationToken);
                }
            }
        }
    }

    private static bool IsTransient(int status) => status is 0 or 408 or 429 or >= 500;

    /// <returns>No token, the failure, whether it is worth another attempt, and what a retry's log names it by: the status, or the exception's type.</returns>
    private (CoverIssuedToken?, CoverApiException, bool, string) Failure(int status, string? error, string? description, string correlationId, Exception? inner = null)
    {
        var outcome = status == 0 ? inner?.GetType().Name ?? "failure" : CoverDiagnostics.StatusCodeText(status);
        if (status is 401 || (status is 400 && string.Equals(error, "invalid_client", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, CoverApiExceptionFactory.CreateCredentialRefusal(status, error, description, correlationId), false, outcome);
        }

        // No token means the API call itself was never sent: the failure says so, so that a call that changes cover
        // is not taken for one that may have acted.
        var endpoint = _options.EffectiveTokenEndpoint!.GetLeftPart(UriPartial.Path);
        var message = status == 0
            ? "No access token: the token endpoint " + endpoint + " could not be reached (" + inner?.Message + "). The request was not sent."
            : "No access token: the token endpoint " + endpoint + " answered " + status.ToString(CultureInfo.InvariantCulture) + " " + CoverApiExceptionFactory.ReasonPhrase(status)
                + (string.IsNullOrEmpty(error) ? string.Empty : " (" + error + ")")
                + (string.IsNullOrEmpty(description) ? string.Empty : ": " + description)
                + (status == 403 ? ". The gateway did not recognise the route: TokenEndpoint (or BaseAddress) is probably wrong" : string.Empty)
                + ". The request was not sent.";
        CoverApiException failure = new CoverTransportException(message, requestWasSent: false, correlationId, inner);
        return (null, failure, IsTransient(status), outcome);
    }

    private async Task<(CoverIssuedToken?, CoverApiException?, bool, string?)> RequestOAuth2TokenAsync(string correlationId, CancellationToken cancellationToken)
    {
        var scopes = _options.EffectiveScopes;
        using var request = new ClientCredentialsTokenRequest
        {
            Address = _options.EffectiveTokenEndpoint!.AbsoluteUri,
            ClientId = _options.ClientId!,
            ClientSecret = _options.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader,
            Scope = scopes.Count == 0 ? null : string.Join(" ", scopes),
        };
        // An identity provider of the customer's own (another origin than the API's) is told nothing of the caller's
        // calls: the id goes only where the API's gateway logs it.
        if (CoverEndpointPolicy.IsSameOrigin(_options.EffectiveTokenEndpoint!, _options.BaseAddress!))
        {
            request.Headers.TryAddWithoutValidation(CoverApiExceptionFactory.CorrelationIdHeader, correlationId);
        }

        var response = await _httpClient().RequestClientCredentialsTokenAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.ErrorType == ResponseErrorType.Exception && response.Exception is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Failure(0, null, null, correlationId, response.Exception);
        }

        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            return Failure((int)response.HttpStatusCode, response.Error ?? "invalid_response", response.ErrorDescription ?? (response.IsError ? null : "The answer held no access_token."), correlationId);
        }

        return (new CoverIssuedToken(response.AccessToken!, TimeSpan.FromSeconds(response.ExpiresIn)), null, false, null);
    }

    private async Task<(CoverIssuedToken?, CoverApiException?, bool, string?)> RequestAtradiusTokenAsync(string correlationId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.EffectiveTokenEndpoint);
        request.Headers.Authorization = new BasicAuthenticationHeaderValue(_options.ClientId!, _options.ClientSecret!);
        if (!string.IsNullOrEmpty(_options.AppKey))
        {
            request.Headers.TryAddWithoutValidation(AppKeyHeader, _options.AppKey);
        }

        // The token request does not pass the telemetry handler, and the Atradius gateway expects a correlation id on
        // every call it logs: the call's, so that the id a failure quotes is the one the gateway saw.
        request.Headers.TryAddWithoutValidation(CoverApiExceptionFactory.CorrelationIdHeader, correlationId);
        request.Headers.Accept.ParseAdd("application/json");
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        string body;
        int status;
        try
        {
            using var response = await _httpClient().SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await HttpContentReader.ReadAsStringAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Failure(0, null, null, correlationId, ex);
        }

        if (status >= 400)
        {
            // Token endpoints answer with the API's error shapes, or the OAuth 2.0 one.
            var (errors, fault, code) = CoverApiExceptionFactory.ParseBody(body);
            var (oauthError, oauthDescription) = ReadOAuthError(body);
            return Failure(status, oauthError ?? code, oauthDescription ?? (errors.Count > 0 ? errors[0].Detail : fault), correlationId);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var inner) ? inner : root;
            if (data.ValueKind == JsonValueKind.Array && data.GetArrayLength() == 1)
            {
                // Every other answer of the service holds its data in an array, even for one item: a token answer
                // shaped like them holds the token in its one element.
                data = data[0];
            }

            if (data.ValueKind == JsonValueKind.Object
                && (data.TryGetProperty("access_token", out var token) || data.TryGetProperty("accessToken", out token))
                && token.ValueKind == JsonValueKind.String
                && token.GetString() is { Length: > 0 } value)
            {
                var seconds = (data.TryGetProperty("expires_in", out var expires) || data.TryGetProperty("expiresIn", out expires)) ? Seconds(expires) : 0;
                return (new CoverIssuedToken(value, TimeSpan.FromSeconds(seconds)), null, false, null);
            }
        }
        catch (JsonException)
        {
            // Falls through to the error below; the body is not repeated because it may hold a token.
        }

        return Failure(status, "invalid_response", "The answer held no data.access_token.", correlationId);
    }

    private static int Seconds(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number
        : 0;

    private static (string? Error, string? Description) ReadOAuthError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body!.TrimStart()[0] != '{')
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Text("error"), Text("error_description"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
