namespace Atradius.Cover.Sdk;

/// <summary>Options for one call, reads included: its correlation id and extra request headers.</summary>
public sealed class CoverRequestOptions
{
    /// <summary>
    /// Gets or sets the <c>Atradius-Correlation-Id</c> sent with the call, to find it in logs on both sides; the
    /// SDK creates one per call when null. Every request the call makes (a read-back included) carries it, and so does
    /// a request for an access token the call needed, with its retries, unless it goes to an OAuth2 token endpoint of
    /// another origin than the API's: a token failure names it as its
    /// <see cref="CoverApiException.CorrelationId"/>. Calls that wait while another renews the token make no token
    /// request, so their ids do not reach the token endpoint. At most 100 visible ASCII characters and spaces, with no
    /// blank at either end and no tab.
    /// </summary>
    public string? CorrelationId { get; set; }

    /// <summary>
    /// Gets extra request headers sent with every request of the call. Headers the SDK sets (<c>Authorization</c>,
    /// <c>Atradius-App-Key</c>, <c>Accept</c>, the body's <c>Content-*</c>) are refused here, and so is
    /// <c>Atradius-Correlation-Id</c>: set <see cref="CorrelationId"/>. A name is an HTTP token (RFC 9110: ASCII letters,
    /// digits and <c>!#$%&amp;'*+-.^_`|~</c>); a value holds visible ASCII characters, spaces and tabs.
    /// </summary>
    public IDictionary<string, string> Headers => _headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The extra headers, or null when none was ever asked for: most calls have none, and each call makes its own options.</summary>
    internal Dictionary<string, string>? HeadersIfAny => _headers;

    private Dictionary<string, string>? _headers;

    /// <summary>
    /// A copy for a call and what outlives it (an operation's reads): the caller may reuse and change its options
    /// object meanwhile, which must not change the id and headers a call already checked, or an earlier application is
    /// followed under.
    /// </summary>
    internal CoverRequestOptions Snapshot()
    {
        var copy = new CoverRequestOptions { CorrelationId = CorrelationId };
        if (_headers is { Count: > 0 } headers)
        {
            foreach (var header in headers)
            {
                copy.Headers[header.Key] = header.Value;
            }
        }

        return copy;
    }
}
