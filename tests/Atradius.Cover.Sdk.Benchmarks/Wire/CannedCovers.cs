using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Atradius.Cover.Sdk.Benchmarks.Wire;

/// <summary>
/// The bytes the canned API answers with: covers shaped like the contract's examples (names, codes,
/// conditions, nulls, dates), written once, so every contender reads exactly the same bytes.
/// </summary>
public static class CannedCovers
{
    public const string AccessToken = "bench-access-token-0123456789abcdef0123456789abcdef";

    private static readonly string[] BuyerNames =
    [
        "Tulip Trading B.V.", "Rheinland Maschinenbau GmbH", "Sol Distribuciones S.L.", "Nordic Paper AB",
        "Atelier Lumière SARL", "Britannia Components Ltd", "Vistula Logistics Sp. z o.o.", "Alpine Feinmechanik AG",
    ];

    /// <summary>GET cover: a credit limit approved with conditions (the contract's ConditionalCover).</summary>
    public static readonly byte[] Cover = Write(w => WriteCover(w, 70001240, variant: 1));

    /// <summary>POST cover, 201: a credit limit decided at once (the contract's DecidedCover).</summary>
    public static readonly byte[] Decided = Write(w => WriteCover(w, 70001234, variant: 0));

    /// <summary>The OAuth 2.0 token answer.</summary>
    public static readonly byte[] Token = Encoding.UTF8.GetBytes(
        "{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":1800,\"scope\":\"cover:read cover:write\"}");

    /// <summary>The application every contender submits.</summary>
    public static CoverApplicationValues Application { get; } = new(200417, "5012345", 10042317, "credit-limit", 50000m, "EUR", new DateOnly(2026, 12, 1), "ERP-000184");

    /// <summary>
    /// The part of a page before its cursor: <c>{"data":[ ...pageSize covers... ],"meta":{"pageSize":N</c>.
    /// Every page of a walk shares it; only the cursor after it differs.
    /// </summary>
    public static byte[] PageData(int pageSize) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = 0; i < pageSize; i++)
            {
                WriteCover(w, 70002000 + i, variant: i);
            }

            w.WriteEndArray();
            w.WriteStartObject("meta");
            w.WriteNumber("pageSize", pageSize);
            w.Flush();
        }, leaveOpen: true);

    /// <summary>The rest of a page: <c>,"nextCursor":"..."}}</c>, or <c>}}</c> on the last page.</summary>
    public static byte[] PageEnd(string? nextCursor) =>
        Encoding.UTF8.GetBytes(nextCursor is null ? "}}" : ",\"nextCursor\":\"" + nextCursor + "\"}}");

    /// <summary>An opaque cursor shaped like the service's: base64url of <c>{"k":lastCoverId}</c>.</summary>
    public static string Cursor(int page) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"k\":" + (70002000 + (page * 1000)).ToString(CultureInfo.InvariantCulture) + "}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Write(Action<Utf8JsonWriter> write, bool leaveOpen = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = leaveOpen }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteCover(Utf8JsonWriter w, long coverId, int variant)
    {
        var conditional = variant % 4 == 1;
        var notice = variant % 4 == 3;
        var amount = 10000m * ((variant % 25) + 5);
        w.WriteStartObject();
        w.WriteNumber("coverId", coverId);
        w.WriteNumber("customerId", 200417);
        w.WriteString("policyId", "5012345");
        w.WriteNumber("buyerId", 10042317 + variant);
        w.WriteString("buyerName", BuyerNames[variant % BuyerNames.Length]);
        w.WriteString("coverType", "credit-limit");
        w.WriteString("coverStatus", "DECISION");
        w.WriteString("decisionCode", conditional ? "DC02" : notice ? "DC21" : "DC01");
        w.WriteNull("historicCode");
        if (notice)
        {
            w.WriteString("pendingProcessIndicator", "F");
        }
        else
        {
            w.WriteNull("pendingProcessIndicator");
        }

        w.WriteNumber("creditLimitApplicationAmount", amount);
        w.WriteString("currencyCode", "EUR");
        w.WritePropertyName("totalDecision");
        WriteDecision(w, amount, conditional ? "2027-11-02" : null, conditional ? ("PT60", "PAYMENT_TERMS", "Cover applies to payment terms of at most 60 days.") : null);
        if (conditional)
        {
            w.WritePropertyName("firstAmtDecision");
            WriteDecision(w, amount - 10000m, null, null);
            w.WritePropertyName("secondAmtDecision");
            WriteDecision(w, 10000m, "2027-11-02", ("SEC1", "SECURITY", "Second amount subject to a parent company guarantee."));
        }

        w.WriteString("applicationDate", "2026-11-02T09:20:00Z");
        w.WriteString("decisionDate", "2026-11-03T14:02:00Z");
        w.WriteString("effectFromDate", "2026-11-02");
        if (conditional || notice)
        {
            w.WriteString("effectiveToDate", "2027-11-02");
        }
        else
        {
            w.WriteNull("effectiveToDate");
        }

        if (notice)
        {
            w.WriteString("withdrawalDate", "2026-12-10");
        }
        else
        {
            w.WriteNull("withdrawalDate");
        }

        w.WriteString("customerRefNumber", "ERP-" + (184 + variant).ToString("D6", CultureInfo.InvariantCulture));
        if (conditional)
        {
            w.WriteString("notes", "Approved after review of the 2025 accounts.");
        }
        else
        {
            w.WriteNull("notes");
        }

        w.WriteNumber("version", 1 + (variant % 3));
        w.WriteString("updatedAt", "2026-11-03T14:02:00Z");
        w.WriteEndObject();
    }

    private static void WriteDecision(Utf8JsonWriter w, decimal amount, string? expiry, (string Code, string Type, string Text)? condition)
    {
        w.WriteStartObject();
        w.WriteNumber("decisionAmount", amount);
        w.WriteString("currencyCode", "EUR");
        if (expiry is null)
        {
            w.WriteNull("decisionExpiryDate");
        }
        else
        {
            w.WriteString("decisionExpiryDate", expiry);
        }

        w.WriteStartArray("decisionConditions");
        if (condition is { } c)
        {
            w.WriteStartObject();
            w.WriteString("conditionCode", c.Code);
            w.WriteString("conditionType", c.Type);
            w.WriteString("conditionDescription", c.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

/// <summary>The values of the application every contender submits (each maps them to its own model).</summary>
public sealed record CoverApplicationValues(long CustomerId, string PolicyId, long BuyerId, string CoverType, decimal Amount, string CurrencyCode, DateOnly EffectFrom, string CustomerReference);
