using System.Globalization;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.State;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>
/// Reads request bodies field by field, so each error names the field at fault in
/// <c>source.parameter</c>; unknown fields are ignored. Nothing here throws on hostile input:
/// invalid UTF-8, lone surrogates, huge numbers and deep nesting all become a 400.
/// </summary>
internal static class JsonFields
{
    /// <summary>Largest amount the sandbox accepts: a sensible ceiling for one buyer.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    public static JsonDocument? Parse(byte[] body, out ApiError? error)
    {
        error = null;
        if (body.Length == 0)
        {
            error = ApiError.Bad("body", "A JSON request body is required.");
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                error = ApiError.Bad("body", "The request body must be a JSON object.");
                return null;
            }

            return document;
        }
        catch (JsonException exception)
        {
            error = ApiError.Bad("body", string.Create(CultureInfo.InvariantCulture, $"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})."));
            return null;
        }
    }

    private static JsonElement? Get(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static void Long(JsonElement root, string name, out long? value, ref ApiError? error)
    {
        value = null;
        if (error is not null)
        {
            return;
        }

        if (Get(root, name) is not { } element)
        {
            error = ApiError.Bad(name, $"{name} is required.");
            return;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number) || number < 1)
        {
            error = ApiError.Bad(name, $"{name} must be a positive whole number.");
            return;
        }

        value = number;
    }

    public static void String(JsonElement root, string name, bool required, int maxLength, out string? value, ref ApiError? error)
    {
        value = null;
        if (error is not null)
        {
            return;
        }

        if (Get(root, name) is not { } element)
        {
            if (required)
            {
                error = ApiError.Bad(name, $"{name} is required.");
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = ApiError.Bad(name, $"{name} must be a string.");
            return;
        }

        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON syntax but no valid text.
            error = ApiError.Bad(name, $"{name} is not valid text.");
            return;
        }

        if ((required && text.Length == 0) || text.Length > maxLength || text.Any(char.IsControl))
        {
            error = ApiError.Bad(name, string.Create(CultureInfo.InvariantCulture, $"{name} must be 1 to {maxLength} printable characters."));
            return;
        }

        value = text;
    }

    public static void Currency(JsonElement root, out string? value, ref ApiError? error)
    {
        String(root, "currencyCode", false, 3, out value, ref error);
        if (error is null && value is not null && (value.Length != 3 || !value.All(char.IsAsciiLetterUpper)))
        {
            error = ApiError.Bad("currencyCode", "currencyCode must be an ISO 4217 code of three capital letters.");
        }
    }

    public static void Date(JsonElement root, string name, DateOnly today, out DateOnly? value, ref ApiError? error)
    {
        value = null;
        String(root, name, false, 10, out var text, ref error);
        if (error is not null || text is null)
        {
            return;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = ApiError.Bad(name, $"{name} must be a date written yyyy-MM-dd.");
            return;
        }

        if (date < today.AddDays(-30) || date > today.AddDays(365))
        {
            error = ApiError.Bad(name, $"{name} must lie between 30 days before and 365 days after today.");
            return;
        }

        value = date;
    }

    /// <summary>
    /// Reads an amount from its JSON text, never through a double: excess precision that a decimal would
    /// round away, a fraction, a negative or a non-multiple of 1000 all break the service's amount rule.
    /// </summary>
    public static void Amount(JsonElement root, out decimal? value, ref ApiError? error)
    {
        value = null;
        if (error is not null || Get(root, "creditLimitAmount") is not { } element)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            error = ApiError.Amount();
            return;
        }

        var raw = element.GetRawText();
        var mantissa = raw.Split('e', 'E')[0];
        var significant = mantissa.Count(char.IsAsciiDigit);
        if (significant > 28 || !decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            error = ApiError.Amount();
            return;
        }

        if (amount <= 0 || amount % 1000 != 0)
        {
            error = ApiError.Amount();
            return;
        }

        if (amount > MaxAmount)
        {
            error = ApiError.Bad("creditLimitAmount", "creditLimitAmount must not exceed 1000000000.");
            return;
        }

        value = amount;
    }
}
