using System.Diagnostics.CodeAnalysis;

namespace Atradius.Cover.Sdk;

/// <summary>
/// One entry of the error list the Cover API returns with a failed call.
/// </summary>
public sealed class CoverApiError
{
    /// <summary>Creates an error entry, e.g. for tests.</summary>
    /// <param name="status">The HTTP status the entry states, if any.</param>
    /// <param name="code">The machine-readable error code, e.g. <c>COVER_EXISTS</c>.</param>
    /// <param name="detail">The human-readable explanation.</param>
    /// <param name="parameter">The query or path parameter at fault, if any.</param>
    /// <param name="pointer">The JSON pointer to the body member at fault, if any.</param>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Named after the error body's source.pointer member (RFC 6901 JSON pointer).")]
    public CoverApiError(int? status, string? code, string? detail, string? parameter = null, string? pointer = null)
    {
        Status = status;
        Code = code;
        Detail = detail;
        Parameter = parameter;
        Pointer = pointer;
    }

    /// <summary>Gets the HTTP status the entry states, if any.</summary>
    public int? Status { get; }

    /// <summary>Gets the machine-readable error code, e.g. <c>COVER_EXISTS</c>.</summary>
    public string? Code { get; }

    /// <summary>Gets the human-readable explanation.</summary>
    public string? Detail { get; }

    /// <summary>Gets the query or path parameter at fault, if any.</summary>
    public string? Parameter { get; }

    /// <summary>Gets the JSON pointer (RFC 6901) to the body member at fault, if any.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Named after the error body's source.pointer member (RFC 6901 JSON pointer).")]
    public string? Pointer { get; }

    /// <summary>Describes the entry.</summary>
    /// <returns>Code, detail and the place at fault.</returns>
    public override string ToString() =>
        $"{Code ?? "error"}: {Detail}" + (Parameter is null ? string.Empty : $" (parameter {Parameter})") + (Pointer is null ? string.Empty : $" (at {Pointer})");
}
