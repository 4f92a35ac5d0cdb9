using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>Reads the response headers the facade uses.</summary>
internal static class CoverHeaders
{
    public const string CorrelationId = "Atradius-Correlation-Id";
    public const string RetryAfter = "Retry-After";
    public const string ETag = "ETag";
    public const string Location = "Location";

    public static string? First(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        // The generated client builds an ordinal dictionary, so an exact match is the fast path.
        if (headers.TryGetValue(name, out var exact))
        {
            return FirstValue(exact);
        }

        if (headers is CoverResponseHeaders)
        {
            // Its lookup is already case-insensitive; enumerating would copy every header for nothing.
            return null;
        }

        foreach (var header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return FirstValue(header.Value);
            }
        }

        return null;
    }

    /// <summary>Retry-After in seconds, or as an HTTP date relative to <paramref name="now"/>.</summary>
    public static TimeSpan? ReadRetryAfter(IReadOnlyDictionary<string, IEnumerable<string>>? headers, DateTimeOffset now)
    {
        var value = First(headers, RetryAfter);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    public static Uri? ReadLocation(IReadOnlyDictionary<string, IEnumerable<string>>? headers) =>
        First(headers, Location) is { } value && Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out var uri) ? uri : null;

    private static string? FirstValue(IEnumerable<string>? values)
    {
        if (values is null)
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
