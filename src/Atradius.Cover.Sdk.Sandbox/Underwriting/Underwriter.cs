using Atradius.Cover.Sdk.Sandbox.Contract;

namespace Atradius.Cover.Sdk.Sandbox.Underwriting;

/// <summary>
/// The sandbox's underwriting rules. They depend only on the buyer rating and the amount, so every
/// outcome can be provoked on purpose; docs/sandbox.md carries the same table.
/// </summary>
internal static class Underwriter
{
    /// <summary>Largest amount automatic underwriting decides at once.</summary>
    public const decimal InstantLimit = 100_000m;

    /// <summary>Worst rating automatic underwriting decides at once (and that is approved in full).</summary>
    public const int InstantWorstRating = 40;

    /// <summary>Worst rating a credit check says yes to.</summary>
    public const int CreditCheckWorstRating = 55;

    private static readonly DecisionConditionDto PaymentTerms = new("PT60", "PAYMENT_TERMS", "Cover applies to payment terms of at most 60 days.");
    private static readonly DecisionConditionDto Security = new("SEC1", "SECURITY", "Second amount subject to a parent company guarantee.");

    public static bool IsInstant(int rating, decimal amount) => rating <= InstantWorstRating && amount <= InstantLimit;

    public static UnderwritingOutcome Decide(int rating, decimal amount, string currency, DateOnly today)
    {
        if (rating <= InstantWorstRating)
        {
            return new("DC01", new(amount, currency, null, []), null, null, null);
        }

        if (rating <= 55)
        {
            return new("DC02", new(amount, currency, today.AddYears(1), [PaymentTerms]), null, null, "Approved with conditions after review of the latest accounts.");
        }

        if (rating <= 70)
        {
            var total = Math.Max(1000m, Math.Floor(amount / 2 / 1000) * 1000);
            var first = Math.Floor(total * 0.6m / 1000) * 1000;
            return new(
                "DC04",
                new(total, currency, null, []),
                new(first, currency, null, []),
                new(total - first, currency, today.AddYears(1), [Security]),
                $"Partially approved: {total} of {amount} {currency}.");
        }

        return new("DC03", new(0m, currency, null, []), null, null, "Refused: the buyer's rating does not support cover.");
    }

    public static UnderwritingOutcome CreditCheck(int rating, decimal policyAmount, string currency) =>
        rating <= CreditCheckWorstRating
            ? new("DC01", new(policyAmount, currency, null, []), null, null, null)
            : new("DC03", new(0m, currency, null, []), null, null, "Credit check refused.");
}
