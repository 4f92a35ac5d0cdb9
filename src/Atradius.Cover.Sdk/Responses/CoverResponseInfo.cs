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
        Headers = headers ?? NoHeaders;
    }

    /// <summary>Gets the HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Gets the <c>Atradius-Correlation-Id</c> of the call (the answer's, else the one sent).</summary>
    public string? CorrelationId { get; }

    /// <summary>Gets the answer's headers, message and content headers together; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The status and correlation id.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + (CorrelationId is null ? string.Empty : " (" + CorrelationId + ")");

    internal static CoverResponseInfo From(HttpResponseMessage response, string? sentCorrelationId)
    {
        var headers = Copy(response);
        return new CoverResponseInfo((int)response.StatusCode, FirstHeader(headers, CoverApiExceptionFactory.CorrelationIdHeader) ?? sentCorrelationId, headers);
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
