using System.Globalization;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.State;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>
/// Reads request bodies field by field, so each error names the JSON pointer of the field at fault;
/// unknown fields are ignored, as the contract asks of both sides.
/// </summary>
internal static class JsonFields
{
    public static JsonDocument? Parse(byte[] body, out ApiError? error)
    {
        error = null;
        try
        {
            var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                error = new ApiError(400, "INVALID_REQUEST", "The request body must be a JSON object.", Pointer: "");
                return null;
            }

            return document;
        }
        catch (JsonException exception)
        {
            error = new ApiError(400, "MALFORMED_JSON", $"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).", Pointer: "");
            return null;
        }
    }

    private static JsonElement? Get(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static bool Has(JsonElement root, string name) => root.TryGetProperty(name, out _);

    public static bool TryLong(JsonElement root, string name, bool required, out long? value, ref ApiError? error)
    {
        value = null;
        if (error is not null)
        {
            return false;
        }

        if (Get(root, name) is not { } element)
        {
            if (required)
            {
                error = ApiError.BadField("/" + name, $"{name} is required.");
            }

            return !required;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number) || number < 1)
        {
            error = ApiError.BadField("/" + name, $"{name} must be a positive integer.");
            return false;
        }

        value = number;
        return true;
    }

    public static bool TryString(JsonElement root, string name, bool required, int maxLength, out string? value, ref ApiError? error)
    {
        value = null;
        if (error is not null)
        {
            return false;
        }

        if (Get(root, name) is not { } element)
        {
            if (required)
            {
                error = ApiError.BadField("/" + name, $"{name} is required.");
            }

            return !required;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = ApiError.BadField("/" + name, $"{name} must be a string.");
            return false;
        }

        var text = element.GetString()!;
        if ((required && text.Length == 0) || text.Length > maxLength)
        {
            error = ApiError.BadField("/" + name, $"{name} must be 1 to {maxLength} characters long.");
            return false;
        }

        value = text;
        return true;
    }

    public static bool TryCurrency(JsonElement root, bool required, out string? value, ref ApiError? error)
    {
        if (!TryString(root, "currencyCode", required, 3, out value, ref error))
        {
            return false;
        }

        if (value is not null && (value.Length != 3 || !value.All(char.IsAsciiLetterUpper)))
        {
            error = ApiError.BadField("/currencyCode", "currencyCode must be an ISO 4217 code of three capital letters.");
            return false;
        }

        return true;
    }

    public static bool TryDate(JsonElement root, string name, out DateOnly? value, ref ApiError? error)
    {
        value = null;
        if (!TryString(root, name, false, 10, out var text, ref error))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = ApiError.BadField("/" + name, $"{name} must be a date as yyyy-MM-dd.");
            return false;
        }

        value = date;
        return true;
    }

    /// <summary>Reads an amount: a number that is not one is malformed (400), one that is no positive multiple of 1000 breaks a rule (422).</summary>
    public static bool TryAmount(JsonElement root, string name, out decimal? value, ref ApiError? error)
    {
        value = null;
        if (error is not null)
        {
            return false;
        }

        if (Get(root, name) is not { } element)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var amount))
        {
            error = ApiError.BadField("/" + name, $"{name} must be a number.");
            return false;
        }

        if (amount < 1000 || amount % 1000 != 0)
        {
            error = new ApiError(422, "INVALID_AMOUNT", $"{name} must be a positive multiple of 1000.", Pointer: "/" + name);
            return false;
        }

        value = amount;
        return true;
    }
}
