namespace Atradius.Cover.Sdk;

/// <summary>What the service's answer said besides its content: status, correlation id and headers.</summary>
public sealed class CoverResponseInfo
{
    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the information, e.g. for tests.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="correlationId">The correlation id of the call.</param>
    /// <param name="headers">The answer's headers (names compare case-insensitively).</param>
    public CoverResponseInfo(int status, string? correlationId, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null)
    {
        Status = status;
        CorrelationId = correlationId;
        _headers = headers ?? NoHeaders;
    }

    // Most callers never look at the headers: they are copied from the answer on first access, not on every call.
    private CoverResponseInfo(int status, string? correlationId, HttpResponseMessage source)
    {
        Status = status;
        CorrelationId = correlationId;
        _source = source;
    }

    private volatile HttpResponseMessage? _source;
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _headers;

    /// <summary>Gets the HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Gets the <c>Atradius-Correlation-Id</c> of the call (the answer's, else the one sent).</summary>
    public string? CorrelationId { get; }

    /// <summary>Gets the answer's headers, message and content headers together; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers
    {
        get
        {
            if (_headers is { } headers)
            {
                return headers;
            }

            // Two threads may both copy; the first copy wins and the answer is let go.
            if (_source is { } source)
            {
                Interlocked.CompareExchange(ref _headers, Copy(source), null);
                _source = null;
            }

            return _headers!;
        }
    }

    /// <summary>The status and correlation id.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + (CorrelationId is null ? string.Empty : " (" + CorrelationId + ")");

    internal static CoverResponseInfo From(HttpResponseMessage response, string? sentCorrelationId)
    {
        return new CoverResponseInfo((int)response.StatusCode, CorrelationIdOf(response) ?? sentCorrelationId, response);
    }

    private static string? CorrelationIdOf(HttpResponseMessage response)
    {
#if NET6_0_OR_GREATER
        if (response.Headers.NonValidated.TryGetValues(CoverApiExceptionFactory.CorrelationIdHeader, out var values))
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }
        }

        return null;
#else
        return response.Headers.TryGetValues(CoverApiExceptionFactory.CorrelationIdHeader, out var values)
            ? FirstHeader(new Dictionary<string, IReadOnlyList<string>> { [CoverApiExceptionFactory.CorrelationIdHeader] = values.ToArray() }, CoverApiExceptionFactory.CorrelationIdHeader)
            : null;
#endif
    }

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> Copy(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        if (response.Content is { } content)
        {
            foreach (var header in content.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }
        }

        return headers;
    }

    internal static string? FirstHeader(IReadOnlyDictionary<string, IReadOnlyList<string>>? headers, string name)
    {
        if (headers is null || !headers.TryGetValue(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
