namespace Atradius.Cover.Sdk;

/// <summary>A value read from the service, with the answer it came in (status, correlation id, headers).</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class CoverResponse<T>
{
    /// <summary>Creates a response, e.g. for tests.</summary>
    /// <param name="value">The value.</param>
    /// <param name="response">The answer it came in.</param>
    public CoverResponse(T value, CoverResponseInfo response)
    {
        Value = value;
        Response = response ?? throw new ArgumentNullException(nameof(response));
    }

    /// <summary>Gets the value.</summary>
    public T Value { get; }

    /// <summary>Gets the answer the value came in.</summary>
    public CoverResponseInfo Response { get; }

    /// <summary>Gives the value, so that a response can be used where its value is expected.</summary>
    /// <param name="response">The response.</param>
    public static implicit operator T(CoverResponse<T> response) => response is null ? throw new ArgumentNullException(nameof(response)) : response.Value;

    /// <summary>Gives the value.</summary>
    /// <returns>The value.</returns>
    public T ToValue() => Value;

    /// <summary>The value's description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value?.ToString() ?? string.Empty;
}
