using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Checks input before any request is sent, so a mistake is reported with the argument (or property path) it is
/// in and what is wrong with it, instead of as a 400 from the service.
/// </summary>
internal static class CoverArgument
{
    public const int MaxReferenceLength = 35;
    public const int MaxPolicyIdLength = 20;
    public const int MaxPageSize = 1000;

    public static void NotNull(object? value, string name)
    {
#if NET6_0_OR_GREATER
        ArgumentNullException.ThrowIfNull(value, name);
#else
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }
#endif
    }

    public static void Id(long value, string name)
    {
        if (OptionalIdProblem(value, name) is { } problem)
        {
            throw new ArgumentOutOfRangeException(name, value, problem);
        }
    }

    /// <summary>What <see cref="OptionalId"/> refuses, as its message, for a check that reports rather than throws; null when it accepts the value.</summary>
    public static string? OptionalIdProblem(long? value, string name) =>
        value is <= 0 ? name + " must be a positive id." : null;

    public static void OptionalId(long? value, string name)
    {
        if (value is { } id)
        {
            Id(id, name);
        }
    }

    public static void Amount(decimal value, string name)
    {
        if (value <= 0m || decimal.Remainder(value, 1000m) != 0m)
        {
            throw new ArgumentOutOfRangeException(name, value, name + " must be a positive multiple of 1000 (for example 50000); it is " + value.ToString(CultureInfo.InvariantCulture) + ".");
        }
    }

    public static void Currency(string? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, name + " is required: an ISO 4217 currency code such as EUR.");
        }

        if (!IsThreeUpperCaseLetters(value))
        {
            throw new ArgumentException(name + " must be an ISO 4217 currency code of three upper-case letters (for example EUR); it is '" + value + "'.", name);
        }
    }

    public static void Country(string? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, name + " is required: an ISO 3166-1 alpha-3 country code such as NLD.");
        }

        if (!IsThreeUpperCaseLetters(value))
        {
            throw new ArgumentException(name + " must be an ISO 3166-1 alpha-3 country code of three upper-case letters (for example NLD); it is '" + value + "'.", name);
        }
    }

    public static void Text(string? value, string name, int maxLength)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, name + " is required.");
        }

        OptionalText(value, name, maxLength);
    }

    public static void OptionalText(string? value, string name, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(name + " must not be empty or white space.", name);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException(name + " must be at most " + maxLength.ToString(CultureInfo.InvariantCulture) + " characters; it has " + value.Length.ToString(CultureInfo.InvariantCulture) + ".", name);
        }
    }

    /// <summary>
    /// An identifier (a policy id, a customer reference) as it is sent: without the blanks around it, which the service
    /// does not accept, so the length limit counts what is left. Null stays null; nothing but blanks is refused, naming
    /// the argument.
    /// </summary>
    public static string? OptionalIdentifier(string? value, string name, int maxLength)
    {
        if (IdentifierProblem(value, name, maxLength) is { } problem)
        {
            throw new ArgumentException(problem, name);
        }

        return value?.Trim();
    }

    /// <summary>
    /// What <see cref="OptionalIdentifier"/> refuses, as its message, for a check that reports rather than throws (an
    /// options validator, which names the setting in the message it gives the host); null when it accepts the value.
    /// </summary>
    public static string? IdentifierProblem(string? value, string name, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        var length = value.Trim().Length;
        if (length == 0)
        {
            return name + " must not be empty or only blanks.";
        }

        return length > maxLength
            ? name + " must be at most " + maxLength.ToString(CultureInfo.InvariantCulture) + " characters without the blanks around it; it has " + length.ToString(CultureInfo.InvariantCulture) + "."
            : null;
    }

    /// <summary>A required identifier, as <see cref="OptionalIdentifier"/> reads it.</summary>
    public static string Identifier(string? value, string name, int maxLength)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, name + " is required.");
        }

        return OptionalIdentifier(value, name, maxLength)!;
    }

    /// <summary>A policy id, trimmed: 1 to 20 characters once the blanks around it are removed.</summary>
    public static string? PolicyId(string? value, string name) => OptionalIdentifier(value, name, MaxPolicyIdLength);

    /// <summary>What <see cref="PolicyId"/> refuses, as its message; null when it accepts the value.</summary>
    public static string? PolicyIdProblem(string? value, string name) => IdentifierProblem(value, name, MaxPolicyIdLength);

    /// <summary>A customer reference, trimmed: 1 to 35 characters once the blanks around it are removed.</summary>
    public static string? Reference(string? value, string name) => OptionalIdentifier(value, name, MaxReferenceLength);

    /// <summary>
    /// A start date must not be in the past. "Today" differs per time zone, so only a date before the earliest
    /// today anywhere on Earth (UTC-12) is refused here; the service decides the rest.
    /// </summary>
    public static void NotPast(CoverDate? value, string name, TimeProvider timeProvider)
    {
        if (value is not { } date)
        {
            return;
        }

        var earliest = timeProvider.GetUtcNow().AddHours(-12);
        if (date < new CoverDate(earliest.Year, earliest.Month, earliest.Day))
        {
            throw new ArgumentOutOfRangeException(name, date, name + " must be today or later; it is " + date + ".");
        }
    }

    public static void RequestOptions(CoverRequestOptions? options, string name)
    {
        if (options is null)
        {
            return;
        }

        // The contract's limit for the header (openapi/cover-api.yaml, CorrelationIdHeader).
        OptionalText(options.CorrelationId, name + ".CorrelationId", 100);
        // Visible characters and inner spaces only: blanks around the id (and a tab anywhere) are dropped or folded by the
        // parsers on the way, and the service would log another id than the one the SDK reports.
        if (options.CorrelationId is { } correlationId
            && (!correlationId.All(c => c is >= ' ' and <= '~') || correlationId[0] == ' ' || correlationId[correlationId.Length - 1] == ' '))
        {
            throw new ArgumentException(name + ".CorrelationId must hold visible ASCII characters and spaces only, with no blank at either end and no tab: it is sent as a header.", name + ".CorrelationId");
        }

        if (options.HeadersIfAny is not { } headers)
        {
            return;
        }

        var headersName = name + ".Headers";
        foreach (var header in headers)
        {
            // HttpClient refuses a name that is no RFC 9110 token only when the request is built, with a FormatException
            // that names no argument (for a list, only once it is read).
            if (!IsToken(header.Key))
            {
                throw new ArgumentException(headersName + " holds an invalid header name '" + header.Key + "': a header name is one or more ASCII letters, digits and !#$%&'*+-.^_`|~ (an RFC 9110 token), with no blank, control character or separator such as ( ) / , : @ [ ].", headersName);
            }

            if (string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                || string.Equals(header.Key, CoverTokenClient.AppKeyHeader, StringComparison.OrdinalIgnoreCase)
                || string.Equals(header.Key, "Accept", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(headersName + " must not set " + header.Key + "; the SDK sets it.", headersName);
            }

            if (string.Equals(header.Key, CoverApiExceptionFactory.CorrelationIdHeader, StringComparison.OrdinalIgnoreCase))
            {
                // Sent in its place, it would not be the id the call's answers and exceptions report.
                throw new ArgumentException(headersName + " must not set " + header.Key + "; set " + name + ".CorrelationId instead.", headersName);
            }

            if (ContentHeaders.Contains(header.Key))
            {
                // HttpClient keeps these on the body, and refuses them on the request only once the call is under way.
                throw new ArgumentException(headersName + " must not set " + header.Key + ": it describes the body, which the SDK writes.", headersName);
            }

            if (header.Value is not null && !IsHeaderValue(header.Value))
            {
                // HttpClient refuses a non-ASCII value only once the connection is open, which would look like a request
                // that may have reached the service; a line break would be dropped or split the header.
                throw new ArgumentException(headersName + "['" + header.Key + "'] must hold visible ASCII characters, spaces and tabs only.", headersName);
            }
        }
    }

    // The headers HttpClient holds on a request's content, not on the request (HttpContentHeaders).
    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location",
        "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified",
    };

    // RFC 9110, 5.6.2: token = 1*tchar.
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~');

    private static bool IsHeaderValue(string value) => value.All(c => c == '\t' || c is >= ' ' and <= '~');

    internal static bool IsThreeUpperCaseLetters(string value) =>
        value.Length == 3 && IsUpper(value[0]) && IsUpper(value[1]) && IsUpper(value[2]);

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';
}
