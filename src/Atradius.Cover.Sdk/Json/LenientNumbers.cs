using System.Text;
using System.Text.Json;

namespace Atradius.Cover.Sdk;

/// <summary>What the lenient number converters share: the trimmed bytes of a string token.</summary>
internal static class LenientNumbers
{
    public static ReadOnlySpan<byte> Text(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> text;
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            // Rare (an escaped or split token): take the unescaped string.
            text = Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty);
        }
        else
        {
            text = reader.ValueSpan;
        }

        var start = 0;
        var end = text.Length;
        while (start < end && text[start] == (byte)' ')
        {
            start++;
        }

        while (end > start && text[end - 1] == (byte)' ')
        {
            end--;
        }

        return text.Slice(start, end - start);
    }

    /// <summary>The text for an error message, shortened: a bad value must not flood a log.</summary>
    public static string Show(ReadOnlySpan<byte> text) =>
        Encoding.UTF8.GetString(text.Slice(0, Math.Min(text.Length, 40)).ToArray());
}
