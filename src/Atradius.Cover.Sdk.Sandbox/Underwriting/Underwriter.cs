using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Contract;

namespace Atradius.Cover.Sdk.Sandbox.Underwriting;

/// <summary>
/// The sandbox's underwriting rules. They depend only on the buyer rating (1 best, 100 worst) and the
/// amount, so every outcome can be provoked on purpose; docs/sandbox.md carries the same table.
/// </summary>
internal static class Underwriter
{
    /// <summary>Largest amount automatic underwriting decides at once.</summary>
    public const decimal InstantLimit = 100_000m;

    /// <summary>Worst rating automatic underwriting decides at once (and that is approved in full).</summary>
    public const int InstantWorstRating = 40;

    /// <summary>Worst rating approved in full, with conditions (DC02).</summary>
    public const int ConditionalWorstRating = 55;

    /// <summary>Worst rating partially approved (DC04); worse ratings are refused.</summary>
    public const int PartialWorstRating = 70;

    /// <summary>Above this amount, a buyer rated worse than <see cref="ConditionalWorstRating"/> first gets a preliminary decision.</summary>
    public const decimal LargeAmount = 250_000m;

    private static readonly ConditionRecord PaymentTerms = new("C012", "PAYMENT_TERMS", "Maximum payment terms 60 days.", "Payment terms");
    private static readonly ConditionRecord Guarantee = new("C031", "SECURITY", "Second amount subject to a parent company guarantee.", "Security");

    public static bool IsInstant(int rating, decimal amount) => rating <= InstantWorstRating && amount <= InstantLimit;

    public static bool NeedsPreliminary(int rating, decimal amount) => rating > ConditionalWorstRating && amount > LargeAmount;

    public static UnderwritingOutcome Decide(int rating, decimal amount, DateOnly today)
    {
        if (rating <= InstantWorstRating)
        {
            return new("DC01", new(amount, null, []), null, null, null);
        }

        if (rating <= ConditionalWorstRating)
        {
            // The real service repeats the same conditions in the total and the first decision.
            var expiry = today.AddYears(1);
            return new("DC02", new(amount, expiry, [PaymentTerms]), new(amount, expiry, [PaymentTerms]), null, "Approved with conditions after review of the latest accounts.");
        }

        if (rating <= PartialWorstRating)
        {
            var total = Math.Max(1000m, Math.Floor(amount / 2 / 1000) * 1000);
            var first = Math.Max(1000m, Math.Floor(total * 0.6m / 1000) * 1000);
            return new(
                "DC04",
                new(total, null, []),
                new(first, null, []),
                total > first ? new(total - first, today.AddYears(1), [Guarantee]) : null,
                string.Create(CultureInfo.InvariantCulture, $"Partially approved: {total} of {amount}."));
        }

        return new("DC03", new(0m, null, []), null, null, "Refused: the buyer's rating does not support cover.");
    }

    public static UnderwritingOutcome Preliminary(int rating, decimal amount) =>
        rating <= PartialWorstRating
            ? new("DC06", new(Math.Max(1000m, Math.Floor(amount / 2 / 1000) * 1000), null, []), null, null, "Preliminary partial approval; the final decision follows.")
            : new("DC07", new(0m, null, []), null, null, "Preliminary refusal; the final decision follows.");

    public static UnderwritingOutcome CreditCheck(int rating, decimal policyAmount) =>
        rating <= ConditionalWorstRating
            ? new("DC01", new(policyAmount, null, []), null, null, null)
            : new("DC03", new(0m, null, []), null, null, "Credit check refused.");

    /// <summary>An indication is answered at once: the amount Atradius would cover.</summary>
    public static UnderwritingOutcome Indication(int rating, decimal amount) =>
        rating <= ConditionalWorstRating ? new("DC01", new(amount, null, []), null, null, null)
        : rating <= PartialWorstRating ? new("DC04", new(Math.Max(1000m, Math.Floor(amount / 2 / 1000) * 1000), null, []), null, null, "Indication for part of the amount.")
        : new("DC03", new(0m, null, []), null, null, "No indication possible.");
}
