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

    /// <summary>Whether the request was handed on towards the network, and the service may have seen it.</summary>
    public bool Departed => _departed;

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
#if NET5_0_OR_GREATER
        if (request.Options.TryGetValue(new HttpRequestOptionsKey<CoverRequestDeparture>(Key), out var departure))
#else
        if (request.Properties.TryGetValue(Key, out var value) && value is CoverRequestDeparture departure)
#endif
        {
            departure._departed = departed;
        }
    }
}
