using System.Text;
using System.Text.Json;
using Duende.IdentityModel.Client;

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
/// Obtains access tokens with the client-credentials grant, from a standard OAuth 2.0 endpoint (through
/// Duende.IdentityModel) or from the Atradius-style endpoint.
/// </summary>
internal sealed class CoverTokenClient
{
    /// <summary>The header that carries the Atradius application key.</summary>
    public const string AppKeyHeader = "Atradius-App-Key";

    private readonly Func<HttpClient> _httpClient;
    private readonly CoverClientOptions _options;

    public CoverTokenClient(Func<HttpClient> httpClient, CoverClientOptions options)
    {
        _httpClient = httpClient;
        _options = options;
    }

    public Task<CoverIssuedToken> RequestTokenAsync(CancellationToken cancellationToken = default) =>
        _options.TokenEndpointStyle == CoverTokenEndpointStyle.Atradius
            ? RequestAtradiusTokenAsync(cancellationToken)
            : RequestOAuth2TokenAsync(cancellationToken);

    private async Task<CoverIssuedToken> RequestOAuth2TokenAsync(CancellationToken cancellationToken)
    {
        using var request = new ClientCredentialsTokenRequest
        {
            Address = _options.TokenEndpoint!.AbsoluteUri,
            ClientId = _options.ClientId!,
            ClientSecret = _options.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader,
            Scope = string.Join(" ", _options.EffectiveScopes),
        };

        var response = await _httpClient().RequestClientCredentialsTokenAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.ErrorType == ResponseErrorType.Exception && response.Exception is not null)
        {
            throw CoverApiExceptionFactory.CreateTokenFailure(0, null, null, response.Exception);
        }

        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            throw CoverApiExceptionFactory.CreateTokenFailure(
                (int)response.HttpStatusCode,
                response.Error ?? "invalid_response",
                response.ErrorDescription ?? (response.IsError ? null : "The answer held no access_token."));
        }

        return new CoverIssuedToken(response.AccessToken!, TimeSpan.FromSeconds(response.ExpiresIn));
    }

    private async Task<CoverIssuedToken> RequestAtradiusTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.TokenEndpoint);
        request.Headers.Authorization = new BasicAuthenticationHeaderValue(_options.ClientId!, _options.ClientSecret!);
        if (!string.IsNullOrEmpty(_options.AppKey))
        {
            request.Headers.TryAddWithoutValidation(AppKeyHeader, _options.AppKey);
        }

        request.Headers.Accept.ParseAdd("application/json");
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        HttpResponseMessage response;
        try
        {
            response = await _httpClient().SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw CoverApiExceptionFactory.CreateTokenFailure(0, null, null, ex);
        }

        using (response)
        {
            var body = await HttpContentReader.ReadAsStringAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                // Token endpoints answer with the API's error shape; reuse its parser for the code and detail.
                var parsed = CoverApiExceptionFactory.Create(status, null, body);
                throw CoverApiExceptionFactory.CreateTokenFailure(status, parsed.ErrorCode, parsed.Errors.Count > 0 ? parsed.Errors[0].Detail : null);
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                var data = document.RootElement.TryGetProperty("data", out var inner) ? inner : document.RootElement;
                if (data.ValueKind == JsonValueKind.Object
                    && data.TryGetProperty("access_token", out var token)
                    && token.ValueKind == JsonValueKind.String
                    && token.GetString() is { Length: > 0 } value)
                {
                    var seconds = data.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number && expires.TryGetInt32(out var s) ? s : 0;
                    return new CoverIssuedToken(value, TimeSpan.FromSeconds(seconds));
                }
            }
            catch (JsonException)
            {
                // Falls through to the error below; the body is not repeated because it may hold a token.
            }

            throw CoverApiExceptionFactory.CreateTokenFailure(status, "invalid_response", "The answer held no data.access_token.");
        }
    }
}
