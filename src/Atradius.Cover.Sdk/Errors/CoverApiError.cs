namespace Atradius.Cover.Sdk;

/// <summary>One entry of the <c>errors</c> list the Cover API answers a refused call with.</summary>
public sealed class CoverApiError
{
    /// <summary>Creates an error entry, e.g. for tests.</summary>
    /// <param name="detail">What is wrong, in words, e.g. "Credit limit/credit check already exists for this buyer.".</param>
    /// <param name="parameter">The request field or parameter at fault (<c>source.parameter</c>), if any.</param>
    public CoverApiError(string? detail, string? parameter = null)
    {
        Detail = detail;
        Parameter = parameter;
    }

    /// <summary>Gets what is wrong, in words.</summary>
    public string? Detail { get; }

    /// <summary>Gets the request field or parameter at fault, e.g. <c>creditLimitAmount</c>.</summary>
    public string? Parameter { get; }

    /// <summary>Describes the entry.</summary>
    /// <returns>The detail and the field at fault.</returns>
    public override string ToString() => (Detail ?? "error") + (Parameter is null ? string.Empty : " (" + Parameter + ")");
}
