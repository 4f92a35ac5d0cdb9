using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Support;

/// <summary>Cover API bodies and a client over a mock handler, for tests of the portfolio features.</summary>
internal static class PortfolioJson
{
    public const string Base = "https://api.test/";
    public const string Covers = Base + "credit-insurance/cover-management/v1/covers";

    public static CoverClient Client(MockHttpMessageHandler handler)
    {
        var http = handler.ToHttpClient();
        http.BaseAddress = new Uri(Base);
        return new CoverClient(http, new CoverClientOptions { BaseAddress = new Uri(Base) }, NullLoggerFactory.Instance, TimeProvider.System, ownsHttpClient: true);
    }

    public static string Cover(long id, int version, DateTimeOffset updatedAt, decimal? amount = 50_000m, string status = "DECISION", string? decisionCode = "DC01", string? historicCode = null, string? pending = null, long? buyerId = null, string currency = "EUR", string? withdrawalDate = null, DateTimeOffset? applicationDate = null, string policyId = "5012345", string coverType = "credit-limit") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["coverId"] = id,
            ["customerId"] = 200417,
            ["policyId"] = policyId,
            ["buyerId"] = buyerId ?? 10_000 + id,
            ["buyerName"] = "Buyer " + id.ToString(CultureInfo.InvariantCulture),
            ["coverType"] = coverType,
            ["coverStatus"] = status,
            ["decisionCode"] = decisionCode,
            ["historicCode"] = historicCode,
            ["pendingProcessIndicator"] = pending,
            ["creditLimitApplicationAmount"] = amount ?? 50_000m,
            ["currencyCode"] = currency,
            ["totalDecision"] = amount is null ? null : new Dictionary<string, object?> { ["decisionAmount"] = amount, ["currencyCode"] = currency, ["decisionConditions"] = Array.Empty<object>() },
            ["applicationDate"] = (applicationDate ?? updatedAt).ToString("o", CultureInfo.InvariantCulture),
            ["withdrawalDate"] = withdrawalDate,
            ["version"] = version,
            ["updatedAt"] = updatedAt.ToString("o", CultureInfo.InvariantCulture),
        });

    public static string Page(string? next, params string[] covers) =>
        "{\"data\":[" + string.Join(",", covers) + "],\"meta\":{\"pageSize\":" + Math.Max(1, covers.Length).ToString(CultureInfo.InvariantCulture) + ",\"nextCursor\":" + (next is null ? "null" : "\"" + next + "\"") + "}}";
}
