namespace Atradius.Cover.Sdk.Generated;

/// <summary>
/// Raised by the generated client for an undocumented status or an unreadable body; the
/// facade translates it into a <c>CoverApiException</c>/> before a caller sees it.
/// </summary>
internal class CoverGeneratedApiException : Exception
{
    public CoverGeneratedApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
    }

    public int StatusCode { get; }

    public string? Response { get; }

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
}

/// <summary>A <see cref="CoverGeneratedApiException"/> carrying the documented error body.</summary>
internal sealed class CoverGeneratedApiException<TResult> : CoverGeneratedApiException
{
    public CoverGeneratedApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
        Result = result;
    }

    public TResult Result { get; }
}
