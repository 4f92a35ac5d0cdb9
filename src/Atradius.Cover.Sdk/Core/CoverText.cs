namespace Atradius.Cover.Sdk;

/// <summary>Text checks spelled once for every target framework (netstandard2.0 lacks the comparison overloads).</summary>
internal static class CoverText
{
    /// <summary>Whether <paramref name="text"/> contains <paramref name="part"/>, ignoring case.</summary>
    public static bool Contains(string? text, string part) =>
#if NET8_0_OR_GREATER
        text is not null && text.Contains(part, StringComparison.OrdinalIgnoreCase);
#else
        text is not null && text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
#endif
}
