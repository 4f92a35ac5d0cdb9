using System.Globalization;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>Writing answers and reading parameters the way the contract spells them.</summary>
internal static class Http
{
    public const string CorrelationHeader = "Atradius-Correlation-Id";
    public const string AppKeyHeader = "Atradius-App-Key";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string BodyItem = "sandbox.body";
    public const string AnsweredItem = "sandbox.answered";
    public const string CoversPath = "/credit-insurance/cover-management/v1/covers";
    public const string BuyersPath = "/credit-insurance/organisation-management/v1/buyers";

    public static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Items[AnsweredItem] = true;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        var source = error.Parameter is null && error.Pointer is null ? null : new ErrorSourceDto(error.Parameter, error.Pointer);
        var body = new ErrorResponseDto([new ErrorDto(error.Status, error.Code, error.Detail, source, error.Meta)]);
        return WriteJsonAsync(context, error.Status, body, SandboxJsonContext.Default.ErrorResponseDto);
    }

    public static Task WriteCoverAsync(HttpContext context, StoreResult result)
    {
        if (result.Cover is { } cover)
        {
            context.Response.Headers.ETag = cover.ETag;
        }

        if (result.Error is { } error)
        {
            return WriteErrorAsync(context, error);
        }

        if (result.Status is 201 or 202)
        {
            context.Response.Headers.Location = $"{CoversPath}/{result.Cover!.CoverId.ToString(CultureInfo.InvariantCulture)}";
        }

        if (result.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, result.Status, result.Cover!, SandboxJsonContext.Default.CoverDto);
    }

    public static byte[] Body(HttpContext context) => context.Items[BodyItem] as byte[] ?? [];

    /// <summary>Reads an optional query parameter; a parameter given twice is refused rather than guessed at.</summary>
    public static bool TryQuery(HttpContext context, string name, out string? value, out ApiError? error)
    {
        error = null;
        value = null;
        if (!context.Request.Query.TryGetValue(name, out var values))
        {
            return true;
        }

        if (values.Count != 1)
        {
            error = ApiError.BadParameter(name, $"{name} must be given once.");
            return false;
        }

        value = values[0];
        return true;
    }

    public static string EncodeCursor(string kind, params long[] values) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(kind + ":" + string.Join(':', values.Select(v => v.ToString(CultureInfo.InvariantCulture)))));

    public static long[]? DecodeCursor(string cursor, string kind, int count)
    {
        try
        {
            var text = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
            var parts = text.Split(':');
            if (parts.Length != count + 1 || parts[0] != kind)
            {
                return null;
            }

            var values = new long[count];
            for (var i = 0; i < count; i++)
            {
                if (!long.TryParse(parts[i + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]))
                {
                    return null;
                }
            }

            return values;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
