namespace Atradius.Cover.Sdk;

/// <summary>Text checks spelled once: what counts as no text, and comparisons for every target framework (netstandard2.0 lacks the comparison overloads).</summary>
internal static class CoverText
{
    /// <summary>The text as sent, or null when the service sent none, an empty string or only spaces (the same to a reader).</summary>
    public static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Whether <paramref name="text"/> contains <paramref name="part"/>, ignoring case.</summary>
    public static bool Contains(string? text, string part) =>
#if NET8_0_OR_GREATER
        text is not null && text.Contains(part, StringComparison.OrdinalIgnoreCase);
#else
        text is not null && text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
#endif
}
