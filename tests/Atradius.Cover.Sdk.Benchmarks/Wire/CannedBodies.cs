using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Atradius.Cover.Sdk.Benchmarks.Wire;

/// <summary>
/// The bytes the canned API answers with, shaped like the contract's examples (openapi/cover-api.yaml:
/// CoverListDecided, CoverListIrregular, ActionSuccessful): amounts as numbers, as strings and as "",
/// ratings as numbers and strings, timestamps in UTC and at +01:00, conditions, unknown members. Written
/// once, so every contender reads exactly the same bytes.
/// </summary>
public static class CannedBodies
{
    public const string AccessToken = "bench-access-token-0123456789abcdef0123456789abcdef";
    public const long CustomerId = 200417;
    public const string PolicyId = "5012345";
    public const long BuyerId = 10042317;

    /// <summary>The id of the cover a submitted application creates, as the POST answer and the read-back show it.</summary>
    public const long SubmittedCoverId = 7000200;

    /// <summary>How many covers the buyer's list holds.</summary>
    public const int BuyerCoverCount = 5;

    private static readonly string[] BuyerNames =
    [
        "Vignobles Laurent SARL", "Hansen Logistik GmbH", "Nordic Timber AB", "Polska Meble Sp. z o.o.",
        "Britannia Components Ltd", "Sol Distribuciones S.L.", "Tulip Trading B.V.", "Alpine Feinmechanik AG",
    ];

    /// <summary>POST /authenticate/v2/tokens.</summary>
    public static readonly byte[] Token = Encoding.UTF8.GetBytes(
        "{\"data\":{\"access_token\":\"" + AccessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":1800}}");

    /// <summary>GET /covers?buyerId=: the buyer's current covers, a handful, irregular ones included.</summary>
    public static readonly byte[] BuyerCovers = List(Enumerable.Range(0, BuyerCoverCount).Select(i => (7000120L + i, BuyerId, i)));

    /// <summary>POST /covers, 201: the cover id and a response text, not the cover.</summary>
    public static readonly byte[] Submitted = Encoding.UTF8.GetBytes(
        "{\"data\":[{\"coverId\":" + SubmittedCoverId.ToString(CultureInfo.InvariantCulture) + ",\"response\":\"Action successful\"}]}");

    /// <summary>GET /covers/decisions?buyerId=: the read-back after a submit, the new cover among the buyer's others.</summary>
    public static readonly byte[] BuyerDecisions = List([(7000120L, BuyerId, 0), (SubmittedCoverId, BuyerId, 4), (7000122L, BuyerId, 2)]);

    /// <summary>An empty list.</summary>
    public static readonly byte[] Empty = Encoding.UTF8.GetBytes("{\"data\":[]}");

    /// <summary>GET policies/details (only read when a client has no policy id).</summary>
    public static readonly byte[] Policy = Encoding.UTF8.GetBytes(
        "{\"data\":{\"policyId\":\"" + PolicyId + "\",\"policyStatus\":\"live\",\"policyStartDate\":\"2026-01-01\",\"policyExpiryDate\":\"2027-12-31\",\"policyCurrency\":\"EUR\"}}");

    /// <summary>What a large list starts with.</summary>
    public static readonly byte[] ListStart = Encoding.UTF8.GetBytes("{\"data\":[");

    /// <summary>What a large list ends with (an unknown member after the data, as gateways add).</summary>
    public static readonly byte[] ListEnd = Encoding.UTF8.GetBytes("],\"links\":{}}");

    /// <summary>One item of a large list, each one a different buyer and variant, with its leading comma (but the first).</summary>
    public static byte[] ListItem(int index, bool first)
    {
        var item = Write(w => WriteCover(w, 7100000 + index, BuyerId + index, index));
        return first ? item : [(byte)',', .. item];
    }

    private static byte[] List(IEnumerable<(long CoverId, long BuyerId, int Variant)> covers) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var (coverId, buyerId, variant) in covers)
            {
                WriteCover(w, coverId, buyerId, variant);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Variant 0: decided with conditions (numbers); 1: referred, amounts "250000" and "", +01:00;
    /// 2: decided with a notified withdrawal, amounts as strings, rating as a string; 3: credit check, no amount;
    /// 4: fully approved, plain numbers.
    /// </summary>
    private static void WriteCover(Utf8JsonWriter w, long coverId, long buyerId, int variant)
    {
        var kind = variant % 5;
        var amount = 10000m * ((variant % 25) + 5);
        var amountText = amount.ToString(CultureInfo.InvariantCulture);
        w.WriteStartObject();
        w.WriteNumber("coverId", coverId);
        w.WriteNumber("customerId", CustomerId);
        w.WriteString("policyId", PolicyId);
        w.WriteNumber("buyerId", buyerId);
        w.WriteString("buyerName", BuyerNames[variant % BuyerNames.Length]);
        w.WriteStartArray("uniqueIdentifiers");
        if (kind != 1)
        {
            w.WriteStartObject();
            w.WriteString("uid", (552100554 + variant).ToString(CultureInfo.InvariantCulture));
            w.WriteString("uidType", "SN");
            w.WriteString("uidTypeDescription", "SIREN number");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("coverType", kind == 3 ? "credit-check" : "credit-limit");
        w.WriteString("coverStatus", kind == 1 ? "REFERRED" : "DECISION");
        switch (kind)
        {
            case 0:
                w.WriteString("decisionCode", "DC02");
                w.WriteString("decisionTypeDescription", "Approved with conditions or comments");
                break;
            case 2:
                w.WriteString("decisionCode", "DC21");
                w.WriteString("decisionTypeDescription", "Pre-notification of withdrawal or reduction");
                w.WriteString("pendingProcessIndicator", "W");
                w.WriteString("pendingProcessStatus", "Pending Withdrawal");
                break;
            case 3 or 4:
                w.WriteString("decisionCode", "DC01");
                w.WriteString("decisionTypeDescription", "Fully approved");
                break;
        }

        w.WriteString("policyCurrencyCode", "EUR");
        switch (kind)
        {
            case 1:
                w.WriteString("creditLimitApplicationAmountInPolicyCurrency", amountText);
                w.WriteString("creditLimitApplicationAmountInUserCurrency", "");
                w.WriteStartObject("totalDecision");
                w.WriteString("decisionAmtInPolicyCurrency", "");
                w.WriteString("decisionAmtInUserCurrency", "");
                w.WriteEndObject();
                w.WriteString("applicationDate", "2026-12-01T10:15:00+01:00");
                break;
            case 3:
                w.WriteString("creditLimitApplicationAmountInPolicyCurrency", "");
                w.WriteStartObject("totalDecision");
                w.WriteNumber("decisionAmtInPolicyCurrency", 20000);
                w.WriteEndObject();
                w.WriteString("applicationDate", "2026-09-01T08:00:00Z");
                w.WriteString("decisionDate", "2026-09-01T08:00:01Z");
                w.WriteString("effectFromDate", "2026-09-01");
                break;
            default:
                if (kind == 2)
                {
                    w.WriteString("creditLimitApplicationAmountInPolicyCurrency", amountText);
                }
                else
                {
                    w.WriteNumber("creditLimitApplicationAmountInPolicyCurrency", amount);
                    w.WriteNumber("creditLimitApplicationAmountInUserCurrency", amount * 7.458m);
                }

                WriteDecision(w, "totalDecision", amount, kind == 2, kind == 0);
                if (kind == 0)
                {
                    WriteDecision(w, "firstAmtDecision", amount - 10000m, false, true);
                    WriteDecision(w, "secondAmtDecision", 10000m, false, false);
                }

                w.WriteString("applicationDate", "2026-06-02T08:00:00Z");
                w.WriteString("decisionDate", kind == 2 ? "2026-11-20T14:00:00+01:00" : "2026-06-02T08:00:02Z");
                w.WriteString("effectFromDate", "2026-06-02");
                if (kind == 2)
                {
                    w.WriteString("withdrawalDate", "2026-12-20");
                }

                break;
        }

        w.WriteString("customerRefNumber", "ERP-" + (184 + variant).ToString("D6", CultureInfo.InvariantCulture));
        if (kind == 0)
        {
            w.WriteString("notes", "Approved after review of the 2025 accounts.");
        }

        if (kind == 2)
        {
            w.WriteString("currentBuyerRating", "71");
        }
        else if (kind != 1)
        {
            w.WriteNumber("currentBuyerRating", 35 + (variant % 40));
        }

        w.WriteEndObject();
    }

    private static void WriteDecision(Utf8JsonWriter w, string name, decimal amount, bool asStrings, bool conditions)
    {
        w.WriteStartObject(name);
        if (asStrings)
        {
            w.WriteString("decisionAmtInPolicyCurrency", amount.ToString(CultureInfo.InvariantCulture));
            w.WriteString("decisionAmtInUserCurrency", amount.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNumber("decisionAmtInPolicyCurrency", amount);
            w.WriteNumber("decisionAmtInUserCurrency", amount * 7.458m);
        }

        if (conditions)
        {
            w.WriteString("decisionExpiryDate", "2027-06-02");
            w.WriteStartArray("decisionConditions");
            w.WriteStartObject();
            w.WriteString("conditionCode", "C012");
            w.WriteString("conditionType", "PAYMENT_TERMS");
            w.WriteString("conditionDescription", "Maximum payment terms 60 days.");
            w.WriteString("conditionCategoryDescription", "Payment terms");
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
