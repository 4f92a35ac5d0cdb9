using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>The cover application journey of the handbook, one call per step, each step told in plain words.</summary>
public sealed class QuickStartJourney(CoverClient cover, JourneySettings settings, TextWriter output)
{
    private int _step;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // 1. Search and identify the Atradius Buyer ID.
        var buyer = await FindBuyerAsync(settings.InstantBuyerCountryCode, settings.InstantBuyerVatNumber, cancellationToken);

        // 2. Apply for a credit limit; automatic underwriting decides at once.
        Step($"Apply for a credit limit of {CoverText.Amount(settings.InstantAmount, settings.CurrencyCode)} on {buyer.Name}:");
        var instant = await cover.Applications.SubmitAsync(Application(buyer.BuyerId, settings.InstantAmount), cancellationToken);
        Say(instant.IsDecided
            ? $"Decided at once: {CoverText.Decision(instant.Cover)}."
            : $"Referred to an underwriter: {CoverText.Decision(instant.Cover)}.");
        var limit = instant.IsDecided ? instant.Cover : await WaitAsync(instant.CoverId, cancellationToken);

        // 3. A larger amount goes to an underwriter; look again until the decision is in.
        var otherBuyer = await FindBuyerAsync(settings.ReferredBuyerCountryCode, settings.ReferredBuyerVatNumber, cancellationToken);
        Step($"Apply for a larger credit limit of {CoverText.Amount(settings.ReferredAmount, settings.CurrencyCode)} on {otherBuyer.Name}:");
        var referred = await cover.Applications.SubmitAsync(Application(otherBuyer.BuyerId, settings.ReferredAmount), cancellationToken);
        var large = referred.Cover;
        if (referred.IsReferred)
        {
            Say($"Referred to an underwriter for a manual review (cover {referred.CoverId}); checking periodically for the decision.");
            large = await WaitAsync(referred.CoverId, cancellationToken);
        }

        Say($"The underwriter decided: {CoverText.Decision(large)}.");

        // 4. Modify the cover: increase (a new application superseding the decision), reduce, rename.
        Step($"Increase cover {limit.CoverId} to {CoverText.Amount(settings.IncreasedAmount, settings.CurrencyCode)}.");
        var increase = await cover.Decisions.IncreaseAsync(limit.CoverId, settings.IncreasedAmount, cancellationToken: cancellationToken);
        limit = increase.IsDecided ? increase.Cover : await WaitAsync(increase.CoverId, cancellationToken);
        Say($"Increase decided: {CoverText.Decision(limit)}.");

        Step($"Reduce cover {limit.CoverId} to {CoverText.Amount(settings.ReducedAmount, settings.CurrencyCode)}.");
        limit = await cover.Decisions.ReduceAsync(limit.CoverId, settings.ReducedAmount, cancellationToken: cancellationToken);
        Say($"Reduced: {CoverText.Decision(limit)}.");

        var reference = $"QUICKSTART-{limit.CoverId}";
        Step($"Update the customer reference of cover {limit.CoverId} to {reference}.");
        limit = await cover.Decisions.UpdateCustomerReferenceAsync(limit.CoverId, reference, cancellationToken: cancellationToken);
        Say($"Cover {limit.CoverId} now carries reference {limit.CustomerReference}.");

        // 5. Convert an indication into a credit limit; it takes effect immediately.
        await ConvertIndicationAsync(cancellationToken);

        // 6. Cancel the cover that went through the underwriter.
        Step($"Cancel cover {large.CoverId}.");
        var cancelled = await cover.Decisions.CancelAsync(large.CoverId, cancellationToken: cancellationToken);
        Say(cancelled.IsCancelled
            ? $"Cancelled: cover {cancelled.CoverId} is now historic ({CoverText.Phrase(cancelled.HistoricCode?.Description ?? "cancelled")})."
            : $"Cancellation requested: cover {cancelled.CoverId} is pending cancellation.");

        // 7. The portfolio, page by page, and one cover's history.
        await ListPortfolioAsync(cancellationToken);
        await ShowHistoryAsync(limit.CoverId, cancellationToken);
    }

    private async Task<Buyer> FindBuyerAsync(string countryCode, string vatNumber, CancellationToken cancellationToken)
    {
        Step($"Find the buyer with VAT number {vatNumber} ({countryCode}).");
        await foreach (var buyer in cover.Buyers.SearchAsync(BuyerSearch.ByIdentifier(countryCode, vatNumber, BuyerIdentifierType.Vat), cancellationToken))
        {
            Say($"Found {buyer.Name} in {buyer.Address?.City ?? buyer.CountryCode}: Atradius Buyer ID {buyer.BuyerId}.");
            return buyer;
        }

        throw new JourneyException($"No buyer has VAT number {vatNumber} in {countryCode}.");
    }

    private CoverApplication Application(long buyerId, decimal amount) => new()
    {
        CustomerId = settings.CustomerId,
        PolicyId = settings.PolicyId,
        BuyerId = buyerId,
        CoverType = CoverType.CreditLimit,
        CreditLimitAmount = amount,
        CurrencyCode = settings.CurrencyCode,
    };

    private Task<CoverDecision> WaitAsync(long coverId, CancellationToken cancellationToken) =>
        cover.Applications.WaitForDecisionAsync(coverId, new CoverWaitOptions { Timeout = settings.DecisionTimeout }, cancellationToken);

    private async Task ConvertIndicationAsync(CancellationToken cancellationToken)
    {
        Step("Convert an indication into a credit limit.");
        await foreach (var indication in cover.Indications.ListAsync(new DecisionQuery { PolicyId = settings.PolicyId }, cancellationToken))
        {
            if (!indication.IsDecided || indication.IsRefusal)
            {
                continue;
            }

            Say($"Indication {CoverText.Decision(indication)} on buyer {indication.BuyerId}.");
            var converted = await cover.Indications.ConvertToCreditLimitAsync(indication.CoverId, cancellationToken: cancellationToken);
            Say($"Converted: cover {converted.CoverId} is now a {converted.CoverType.Value} of {CoverText.Amount(converted.DecidedAmount)}.");
            return;
        }

        Say($"Policy {settings.PolicyId} holds no decided indication; nothing to convert.");
    }

    private async Task ListPortfolioAsync(CancellationToken cancellationToken)
    {
        Step($"List the portfolio of policy {settings.PolicyId}.");
        int pages = 0, covers = 0;
        await foreach (var page in cover.Decisions.ListAsync(new DecisionQuery { PolicyId = settings.PolicyId }, cancellationToken).AsPages(pageSize: 20))
        {
            pages++;
            foreach (var decision in page.Items)
            {
                if (covers++ < 5)
                {
                    Say($"  {decision.BuyerName ?? "buyer " + decision.BuyerId}: {CoverText.Decision(decision)}");
                }
            }
        }

        Say($"The portfolio holds {covers} current covers, read in {pages} pages of at most 20.");
    }

    private async Task ShowHistoryAsync(long coverId, CancellationToken cancellationToken)
    {
        Step($"Show the history of cover {coverId}.");
        await foreach (var entry in cover.Decisions.GetHistoryAsync(coverId, cancellationToken))
        {
            var changes = entry.Changes.Count == 0 ? string.Empty : " — " + string.Join("; ", entry.Changes);
            Say($"  version {entry.Version}: {CoverText.Phrase(entry.Event.Description)}; {CoverText.Amount(entry.Cover.DecidedAmount)}{changes}");
        }
    }

    private void Step(string text) => output.WriteLine($"{Environment.NewLine}Step {++_step}. {text}");

    private void Say(string text) => output.WriteLine("  " + text);
}
