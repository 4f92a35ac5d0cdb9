namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>One field that differs between two versions of a cover.</summary>
public sealed record CoverFieldChange
{
    /// <summary>The field, named as on <see cref="CoverSnapshot"/> (for example "DecidedAmount").</summary>
    public string Field { get; init; } = string.Empty;

    /// <summary>The value before, as invariant text; null when it was not set.</summary>
    public string? Before { get; init; }

    /// <summary>The value after, as invariant text; null when it is not set.</summary>
    public string? After { get; init; }

    /// <inheritdoc />
    public override string ToString() => Field + ": " + (Before ?? "(none)") + " -> " + (After ?? "(none)");
}
