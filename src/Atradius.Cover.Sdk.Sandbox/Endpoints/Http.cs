using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>Writing answers and reading parameters the way the real service spells them.</summary>
internal static class Http
{
    public const string CorrelationHeader = "Atradius-Correlation-Id";
    public const string AppKeyHeader = "Atradius-App-Key";
    public const string BodyItem = "sandbox.body";
    public const string ClientItem = "sandbox.client";
    public const string AtradiusTokenPath = "/authenticate/v2/tokens";
    public const string OAuth2TokenPath = "/oauth2/token";
    public const string PolicyPath = "/credit-insurance/policy-management/v1/policies/details";
    public const string BuyersPath = "/credit-insurance/organisation-management/v1/buyers";
    public const string CoversPath = "/credit-insurance/cover-management/v1/covers";
    public const string AdminPrefix = "/sandbox";

    private const int FlushThreshold = 32 * 1024;

    // The answers are JSON for machines, never embedded in HTML: "+01:00" stays readable instead of "\u002B01:00".
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a JSON answer; <paramref name="write"/> fills the body.</summary>
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            write(writer);
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <c>{ "data": [ … ] }</c> item by item, flushing as it goes, so a list of 100,000 covers never sits in memory as text.</summary>
    public static async Task WriteListAsync<T>(HttpContext context, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var item in items)
            {
                write(writer, item);
                if (writer.BytesPending > FlushThreshold)
                {
                    await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    public static Task WriteErrorAsync(HttpContext context, ApiError error) =>
        WriteAsync(context, error.Status, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("detail", error.Detail);
            if (error.Parameter is not null)
            {
                w.WriteStartObject("source");
                w.WriteString("parameter", error.Parameter);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>A gateway fault, nested the way Apigee gateways send it: <c>{ fault: { faultstring, detail: { errorcode } } }</c>.</summary>
    public static Task WriteFaultAsync(HttpContext context, int status, string faultString, string errorCode) =>
        WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("fault");
            w.WriteString("faultstring", faultString);
            w.WriteStartObject("detail");
            w.WriteString("errorcode", errorCode);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>The answer to a write: <c>{ data: [ { coverId, response } ] }</c>.</summary>
    public static Task WriteActionAsync(HttpContext context, int status, long coverId, string response) =>
        WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteNumber("coverId", coverId);
            w.WriteString("response", response);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static byte[] Body(HttpContext context) => context.Items[BodyItem] as byte[] ?? [];

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
