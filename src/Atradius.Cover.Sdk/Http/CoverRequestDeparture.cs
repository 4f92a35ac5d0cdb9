namespace Atradius.Cover.Sdk;

/// <summary>
/// Whether a request got as far as the network. The innermost handler marks it just before handing it on, after the
/// token was attached; a failure before that (the token endpoint did not answer within the attempt's time, say)
/// proves the service never saw the request, so a write that failed there is not reported as one that may have acted.
/// </summary>
/// <remarks>
/// One object per request, kept in the request's options: a copy of the request made for another attempt refers to
/// the same object.
/// </remarks>
internal sealed class CoverRequestDeparture
{
    private const string Key = "Atradius.Cover.Sdk.Departure";

    private volatile bool _departed;
    private volatile string? _tokenFailure;

    /// <summary>Whether the request was handed on towards the network, and the service may have seen it.</summary>
    public bool Departed => _departed;

    /// <summary>The token endpoint's last failure while the request waited for a token, if its wait was cut short.</summary>
    public string? TokenFailure => _tokenFailure;

    /// <summary>Starts following a request the SDK is about to send.</summary>
    public static CoverRequestDeparture Follow(HttpRequestMessage request)
    {
        var departure = new CoverRequestDeparture();
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<CoverRequestDeparture>(Key), departure);
#else
        request.Properties[Key] = departure;
#endif
        return departure;
    }

    /// <summary>
    /// Records whether a followed request is now on its way (true, just before it is handed on) or proven not to have
    /// been acted on (false, after a 401); a request nobody follows is left alone.
    /// </summary>
    public static void Mark(HttpRequestMessage request, bool departed)
    {
        if (Of(request) is { } departure)
        {
            departure._departed = departed;
        }
    }

    /// <summary>Records the token endpoint's failure a followed request waited out before its time ran out.</summary>
    public static void NoteTokenFailure(HttpRequestMessage request, string failure)
    {
        if (Of(request) is { } departure)
        {
            departure._tokenFailure = failure;
        }
    }

    private static CoverRequestDeparture? Of(HttpRequestMessage request)
    {
#if NET5_0_OR_GREATER
        return request.Options.TryGetValue(new HttpRequestOptionsKey<CoverRequestDeparture>(Key), out var departure) ? departure : null;
#else
        return request.Properties.TryGetValue(Key, out var value) ? value as CoverRequestDeparture : null;
#endif
    }
}
