namespace Atradius.Cover.Sdk.Generated;

// The generator would emit these support types as public; declaring them here keeps the
// low-level client's whole surface internal, so the public API is the facade alone.

/// <summary>Status code and headers of a response read by the generated client.</summary>
internal class CoverGeneratedResponse
{
    public CoverGeneratedResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers)
    {
        StatusCode = statusCode;
        Headers = headers;
    }

    public int StatusCode { get; }

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
}

/// <summary>A response read by the generated client, with its deserialized body.</summary>
internal sealed class CoverGeneratedResponse<TResult> : CoverGeneratedResponse
{
    public CoverGeneratedResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result)
        : base(statusCode, headers)
    {
        Result = result;
    }

    public TResult Result { get; }
}
