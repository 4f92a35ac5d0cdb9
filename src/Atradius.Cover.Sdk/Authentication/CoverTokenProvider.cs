using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Hands out access tokens for one set of credentials: from memory while fresh, else from the shared
/// cache, else from the token endpoint, one renewal at a time. A token the API rejected is never handed
/// out again.
/// </summary>
internal sealed class CoverTokenProvider
{
    // When the endpoint omits expires_in, assume a short life rather than caching forever.
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    private static readonly Random Jitter = new();

    private readonly CoverClientOptions _options;
    private readonly CoverTokenClient _client;
    private readonly CoverTokenCache.Slot _slot;
    private readonly CoverDistributedTokenCache? _shared;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _key;
    private readonly string _scopes;
    private readonly string _styleTag;

    public CoverTokenProvider(CoverClientOptions options, CoverTokenClient client, CoverTokenCache cache, CoverDistributedTokenCache? shared, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _client = client;
        _shared = shared;
        _timeProvider = timeProvider;
        _logger = logger;
        _key = CoverTokenCacheKey.For(options);
        _scopes = string.Join(" ", options.EffectiveScopes);
        _styleTag = options.TokenEndpointStyle.ToString();
        _slot = cache.GetSlot(_key);
    }

    /// <summary>Gets a fresh token; pass the token the API just rejected to force a renewal.</summary>
    public ValueTask<string> GetTokenAsync(string? rejectedToken = null, CancellationToken cancellationToken = default) =>
        GetTokenAsync(rejectedToken, null, cancellationToken);

    /// <summary>
    /// Gets a fresh token; pass the token the API just rejected to force a renewal. A token request this makes carries
    /// <paramref name="correlationId"/>, the id of the call that needs the token (a new one when null); a caller that
    /// waits for another's renewal makes none.
    /// </summary>
    public async ValueTask<string> GetTokenAsync(string? rejectedToken, string? correlationId, CancellationToken cancellationToken)
    {
        if (rejectedToken is not null)
        {
            _slot.Drop(rejectedToken);
        }

        var current = _slot.Current;
        if (IsUsable(current, rejectedToken))
        {
            return current!.Value;
        }

        // Due for renewal but not expired: one caller renews, and the others go on with the token rather than wait for
        // the token endpoint.
        if (IsValid(current, rejectedToken))
        {
            if (!await _slot.Gate.WaitAsync(0, CancellationToken.None).ConfigureAwait(false))
            {
                // Only while it is still the current token: one a caller has seen rejected since is dropped from the slot.
                if (ReferenceEquals(_slot.Current, current))
                {
                    return current!.Value;
                }

                await _slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await _slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Another caller may have renewed while this one waited at the gate.
            current = _slot.Current;
            if (IsUsable(current, rejectedToken))
            {
                return current!.Value;
            }

            var sharedToken = await ReadSharedAsync(rejectedToken, cancellationToken).ConfigureAwait(false);
            if (sharedToken is not null)
            {
                _slot.Current = sharedToken;
                return sharedToken.Value;
            }

            correlationId ??= CoverCorrelationId.New();
            CoverLog.TokenRequesting(_logger, EndpointPath, _options.TokenEndpointStyle, _options.ClientId!, _scopes, correlationId);

            CoverIssuedToken issued;
            try
            {
                issued = await _client.RequestTokenAsync(correlationId, cancellationToken).ConfigureAwait(false);
            }
            catch (CoverApiException ex) when (ex is not CoverAuthenticationException && IsValid(current, rejectedToken) && ReferenceEquals(_slot.Current, current))
            {
                // A renewal starts before the token expires, so that a failing endpoint costs nothing yet: the token
                // serves until it expires (unless a caller sees it rejected), and the next call tries again. Refused
                // credentials are not waited out: they fail the call, as they will once the token has expired.
                CoverLog.TokenRenewalFailed(_logger, ex, _options.ClientId!, current!.ExpiresAt);
                return current.Value;
            }
            catch (CoverAuthenticationException ex)
            {
                CoverLog.TokenRequestFailed(_logger, EndpointPath, _options.ClientId!, ex.Status, ex.ErrorCode, correlationId);
                throw;
            }

            var lifetime = issued.Lifetime > TimeSpan.Zero ? issued.Lifetime : DefaultLifetime;
            var fresh = Schedule(issued.Value, lifetime);
            CoverDiagnostics.TokenRenewals.Add(1, new KeyValuePair<string, object?>("atradius.cover.token_endpoint_style", _styleTag));
            CoverLog.TokenObtained(_logger, _options.ClientId!, lifetime.TotalSeconds, fresh.RenewAt);

            _slot.Current = fresh;
            await WriteSharedAsync(fresh, cancellationToken).ConfigureAwait(false);
            return fresh.Value;
        }
        finally
        {
            _slot.Gate.Release();
        }
    }

    // The token endpoint without its query string, which may carry a key (an API gateway's subscription key).
    private string EndpointPath => _options.EffectiveTokenEndpoint!.GetLeftPart(UriPartial.Path);

    private bool IsUsable(CoverAccessToken? token, string? rejectedToken) =>
        token is not null
        && !string.Equals(token.Value, rejectedToken, StringComparison.Ordinal)
        && token.IsFresh(_timeProvider.GetUtcNow());

    /// <summary>Whether a token the API has not rejected can still be sent: due for renewal or not, it has not expired.</summary>
    private bool IsValid(CoverAccessToken? token, string? rejectedToken) =>
        token is not null
        && !string.Equals(token.Value, rejectedToken, StringComparison.Ordinal)
        && _timeProvider.GetUtcNow() < token.ExpiresAt;

    /// <summary>
    /// Renews <see cref="CoverClientOptions.TokenRefreshSkew"/> before expiry, plus up to a tenth of it at
    /// random so that hosts sharing a token do not all renew in the same second.
    /// </summary>
    private CoverAccessToken Schedule(string value, TimeSpan lifetime, DateTimeOffset? expiresAt = null)
    {
        var now = _timeProvider.GetUtcNow();
        var expiry = expiresAt ?? now + lifetime;
        var remaining = expiry - now;
        var skew = _options.TokenRefreshSkew < TimeSpan.FromTicks(remaining.Ticks / 2) ? _options.TokenRefreshSkew : TimeSpan.FromTicks(remaining.Ticks / 2);
        double random;
        lock (Jitter)
        {
            random = Jitter.NextDouble();
        }

        var jitter = TimeSpan.FromTicks((long)(skew.Ticks * 0.1 * random));
        return new CoverAccessToken(value, expiry, expiry - skew - jitter);
    }

    private async Task<CoverAccessToken?> ReadSharedAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return null;
        }

        try
        {
            var stored = await _shared.GetAsync(_key, cancellationToken).ConfigureAwait(false);
            if (stored is not { } entry || string.Equals(entry.Value, rejectedToken, StringComparison.Ordinal))
            {
                return null;
            }

            var token = Schedule(entry.Value, TimeSpan.Zero, entry.ExpiresAt);
            if (!token.IsFresh(_timeProvider.GetUtcNow()))
            {
                return null;
            }

            CoverLog.SharedTokenUsed(_logger, _options.ClientId!);
            return token;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CoverLog.SharedTokenCacheFailed(_logger, ex, "read");
            return null;
        }
    }

    private async Task WriteSharedAsync(CoverAccessToken token, CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return;
        }

        try
        {
            await _shared.SetAsync(_key, token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CoverLog.SharedTokenCacheFailed(_logger, ex, "written");
        }
    }
}
