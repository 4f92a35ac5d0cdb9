using System.Globalization;
using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>
/// The cover journey of the handbook, step by step, printed in plain words: policy, buyers, a cover decided at once,
/// a referred one followed to its decision, increase, reduce, reference, indication conversion, cancellation, the
/// portfolio, a cover's history and the buyers whose rating changed. Every call is one the real service has.
/// </summary>
/// <param name="cover">The client.</param>
/// <param name="settings">The journey's inputs.</param>
/// <param name="againstSandbox">
/// Whether the service is a sandbox: there the steps no integration has confirmed always run, and an indication found in
/// the portfolio is converted when none is named.
/// </param>
/// <param name="output">Where the steps are told.</param>
public sealed class QuickStartJourney(CoverClient cover, JourneySettings settings, bool againstSandbox, TextWriter output)
{
    public const int StepCount = 12;

    private readonly string _reference = "QUICKSTART-" + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    private readonly List<int> _skipped = [];

    // The covers this run applied for and has not cancelled yet, by buyer: a failed run cancels them before it ends,
    // so that it leaves nothing on a real policy and the next run's applications are not refused as "already exists".
    private readonly Dictionary<long, CoverKey> _applied = [];
    private int _step;
    private Buyer? _buyer;
    private Buyer? _referredBuyer;
    private CoverKey _smallCover;

    /// <summary>The steps skipped, by number: a step no integration has confirmed, or one the settings did not ask for.</summary>
    public IReadOnlyList<int> SkippedSteps => _skipped;

    /// <exception cref="StepFailedException">A step did not work; the message names it. The covers the run applied for are cancelled first.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StepAsync("Read the policy details", ReadPolicyAsync, cancellationToken);
            await StepAsync("Find the buyers by identifier", FindBuyersAsync, cancellationToken);
            await StepAsync("Apply for a small credit limit (decided at once)", ApplySmallAsync, cancellationToken);
            await StepAsync("Apply for a large credit limit and wait for the underwriter", ApplyLargeAsync, cancellationToken);
            await StepAsync("Increase the small credit limit (supersede)", IncreaseAsync, cancellationToken);
            await StepAsync("Reduce it again", ReduceAsync, cancellationToken);
            await StepAsync("Update the customer reference", UpdateReferenceAsync, cancellationToken);
            await StepAsync("Convert an indication into a credit limit", ConvertIndicationAsync, cancellationToken);
            await StepAsync("Cancel the covers this run applied for", CancelAsync, cancellationToken);
            await StepAsync("List the portfolio", ListPortfolioAsync, cancellationToken);
            await StepAsync("Read a cover's history", ReadHistoryAsync, cancellationToken);
            await StepAsync("List my buyers whose rating changed", ListRatingChangesAsync, cancellationToken);
        }
        catch (StepFailedException) when (_applied.Count > 0)
        {
            await CancelLeftOverCoversAsync();
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && _applied.Count > 0)
        {
            output.WriteLine();
            foreach (var key in _applied.Values)
            {
                output.WriteLine($"Still in place: buyer {key.BuyerId}'s credit limit, reference {_reference}; cancel it, or the next run's application on that buyer is refused.");
            }

            throw;
        }
    }

    /// <summary>Cancels what a failed run applied for, and says what it could not.</summary>
    private async Task CancelLeftOverCoversAsync()
    {
        output.WriteLine();
        output.WriteLine("Cancelling the covers this run applied for, as the journey did not get to it:");
        foreach (var key in _applied.Values.ToList())
        {
            try
            {
                var result = await cover.Decisions.CancelAsync(key);
                _applied.Remove(key.BuyerId);
                output.WriteLine($"  Buyer {key.BuyerId}'s credit limit: cancellation {(result.Outcome == CoverChangeOutcome.Referred ? "referred to an underwriter" : result.Outcome == CoverChangeOutcome.Applied ? "applied" : "refused: " + (result.ResponseText ?? "no reason given"))}.");
            }
            catch (Exception ex)
            {
                output.WriteLine($"  Buyer {key.BuyerId}'s credit limit (reference {_reference}) could not be cancelled ({Describe(ex)}); cancel it by hand.");
            }
        }
    }

    private async Task StepAsync(string title, Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        _step++;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Step {_step} of {StepCount}: {title}."));
        try
        {
            await step(cancellationToken);
        }
        catch (CoverOutcomeUnknownException unknown) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while a write was on its way: the run was stopped, not failed, and what it may have made is said.
            output.WriteLine($"  Stopped while it was being sent: {unknown.Message}");
            throw new OperationCanceledException("Stopped while a request was being sent.", unknown, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new StepFailedException(string.Create(CultureInfo.InvariantCulture, $"Step {_step} of {StepCount} ({title}) failed: {Describe(ex)}"), ex);
        }
    }

    private async Task ReadPolicyAsync(CancellationToken cancellationToken)
    {
        var policy = (await cover.Policies.GetAsync(cancellationToken: cancellationToken)).Value;
        output.WriteLine($"  Policy {policy.PolicyId} is {policy.Status}, in {policy.Currency ?? "(no currency given)"}, from {CoverText.Date(policy.StartDate)} to {CoverText.Date(policy.ExpiryDate)}.");
        if (!policy.IsLive)
        {
            throw new StepFailedException($"policy {policy.PolicyId} is {policy.Status}, not live: no cover can be applied for on it.");
        }

        settings.Currency ??= policy.Currency;
    }

    private async Task FindBuyersAsync(CancellationToken cancellationToken)
    {
        _buyer = await FindAsync(settings.Buyer(), cancellationToken);
        output.WriteLine($"  Found {CoverText.Buyer(_buyer)} by {settings.BuyerIdentifierType} {settings.BuyerIdentifier} in {settings.BuyerCountry}.");
        _referredBuyer = await FindAsync(settings.ReferredBuyer(), cancellationToken);
        output.WriteLine($"  Found {CoverText.Buyer(_referredBuyer)} by {settings.ReferredBuyerIdentifierType} {settings.ReferredBuyerIdentifier} in {settings.ReferredBuyerCountry}.");
    }

    private async Task<Buyer> FindAsync(BuyerSearch search, CancellationToken cancellationToken)
    {
        var found = (await cover.Buyers.SearchAsync(search, cancellationToken: cancellationToken)).Value;
        return found.Count > 0
            ? found[0]
            : throw new StepFailedException($"no buyer matches {search.IdentifierType.Value} {search.Identifier} in {search.Country}.");
    }

    private async Task ApplySmallAsync(CancellationToken cancellationToken)
    {
        var result = await ApplyAsync(_buyer!, settings.SmallAmount, cancellationToken);
        _smallCover = new CoverKey(_buyer!.BuyerId, CoverType.CreditLimit);
        _applied[_smallCover.BuyerId] = _smallCover;
        if (result.Outcome == ApplicationOutcome.Decided)
        {
            output.WriteLine($"  Decided at once: {Describe(result)}.");
            return;
        }

        output.WriteLine($"  Referred to an underwriter, not decided at once: {Describe(result)}. Waiting for the decision.");
        await WaitAsync(result, cancellationToken);
    }

    private async Task ApplyLargeAsync(CancellationToken cancellationToken)
    {
        var result = await ApplyAsync(_referredBuyer!, settings.LargeAmount, cancellationToken);
        _applied[_referredBuyer!.BuyerId] = new CoverKey(_referredBuyer.BuyerId, CoverType.CreditLimit);
        if (result.Outcome == ApplicationOutcome.Decided)
        {
            output.WriteLine($"  Decided at once, with no underwriter: {Describe(result)}.");
            return;
        }

        output.WriteLine($"  Referred to an underwriter: {Describe(result)}. Waiting for the decision.");
        await WaitAsync(result, cancellationToken);
    }

    private async Task<ApplicationResult> ApplyAsync(Buyer buyer, decimal amount, CancellationToken cancellationToken)
    {
        output.WriteLine($"  Applying for {CoverText.Amount(amount, settings.Currency)} on {CoverText.Buyer(buyer)}, reference {_reference}.");
        var result = await cover.Applications.SubmitAsync(
            new CoverApplication
            {
                BuyerId = buyer.BuyerId,
                CoverType = CoverType.CreditLimit,
                CreditLimitAmount = amount,
                CurrencyCode = settings.Currency,
                CustomerReference = _reference,
            },
            cancellationToken: cancellationToken);
        return result.Outcome == ApplicationOutcome.Refused
            ? throw new StepFailedException($"the application was refused by the service: {result.ResponseText ?? "no reason given"}.")
            : result;
    }

    private async Task WaitAsync(ApplicationResult result, CancellationToken cancellationToken)
    {
        var operation = result.Operation
            ?? throw new StepFailedException("the service accepted the application but its cover id could not be read, so the decision cannot be followed: " + result.DetailsUnavailableReason);
        var decision = await operation.WaitForCompletionAsync(cancellationToken);
        output.WriteLine($"  The underwriter decided: {CoverText.Decision(decision)}.");
    }

    private async Task IncreaseAsync(CancellationToken cancellationToken)
    {
        var amount = settings.SmallAmount * 2;
        output.WriteLine($"  Asking for {CoverText.Amount(amount, settings.Currency)} on buyer {_smallCover.BuyerId}.");
        Report("Increase", await cover.Decisions.IncreaseAsync(_smallCover, amount, settings.Currency, cancellationToken: cancellationToken));
    }

    private async Task ReduceAsync(CancellationToken cancellationToken)
    {
        output.WriteLine($"  Lowering buyer {_smallCover.BuyerId}'s credit limit to {CoverText.Amount(settings.SmallAmount, settings.Currency)}.");
        Report("Reduction", await cover.Decisions.ReduceAsync(_smallCover, settings.SmallAmount, settings.Currency, cancellationToken: cancellationToken));
    }

    private async Task UpdateReferenceAsync(CancellationToken cancellationToken)
    {
        if (!againstSandbox && !settings.TryUnconfirmedSteps)
        {
            output.WriteLine("  Skipped: no public integration shows how the real service changes only the reference. Set QuickStart:TryUnconfirmedSteps=true to try it.");
            _skipped.Add(_step);
            return;
        }

        var reference = _reference + "-B";
        output.WriteLine($"  Setting reference {reference} on buyer {_smallCover.BuyerId}'s credit limit.");
        Report("Reference update", await cover.Decisions.UpdateCustomerReferenceAsync(_smallCover, reference, cancellationToken: cancellationToken));
    }

    private async Task ConvertIndicationAsync(CancellationToken cancellationToken)
    {
        var coverId = settings.IndicationCoverId;
        if (coverId is null && !againstSandbox)
        {
            // A conversion cannot be undone: on a real policy only the indication the user names is converted.
            output.WriteLine("  Skipped: a conversion cannot be undone, so on a configured service the run converts only the indication you name. Set QuickStart:IndicationCoverId to one.");
            _skipped.Add(_step);
            return;
        }

        if (coverId is null)
        {
            await foreach (var indication in cover.Indications.ListAsync(cancellationToken: cancellationToken))
            {
                if (indication.IsDecided && !indication.IsRefusal && !indication.IsHistoric)
                {
                    coverId = indication.CoverId;
                    output.WriteLine($"  Found {CoverText.Decision(indication)} in the portfolio.");
                    break;
                }
            }
        }

        if (coverId is not { } id)
        {
            throw new StepFailedException("the portfolio holds no decided indication; set QuickStart:IndicationCoverId to one.");
        }

        var converted = (await cover.Indications.ConvertToCreditLimitAsync(id, cancellationToken: cancellationToken)).Value;
        output.WriteLine($"  Converted: {CoverText.Decision(converted)}.");
    }

    private async Task CancelAsync(CancellationToken cancellationToken)
    {
        foreach (var key in _applied.Values.ToList())
        {
            Report(string.Create(CultureInfo.InvariantCulture, $"Cancellation of buyer {key.BuyerId}'s credit limit"), await cover.Decisions.CancelAsync(key, cancellationToken: cancellationToken));
            _applied.Remove(key.BuyerId);
        }
    }

    private async Task ListPortfolioAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var referred = 0;
        await foreach (var item in cover.Decisions.ListAsync(cancellationToken: cancellationToken))
        {
            count++;
            referred += item.IsReferred ? 1 : 0;
            if (count <= 5)
            {
                output.WriteLine($"  {CoverText.Decision(item)}, on {item.BuyerName ?? "buyer " + item.BuyerId.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  The portfolio holds {count} covers, {referred} of them with an underwriter."));
    }

    private async Task ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var versions = (await cover.Decisions.GetHistoryAsync(_smallCover.BuyerId, cancellationToken: cancellationToken)).Value;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Buyer {_smallCover.BuyerId} has {versions.Count} cover versions, oldest first:"));
        foreach (var version in versions)
        {
            output.WriteLine($"    {CoverText.Decision(version)}.");
        }

        if (versions.Count == 0)
        {
            throw new StepFailedException("the lists show no version of the cover this run applied for.");
        }
    }

    private async Task ListRatingChangesAsync(CancellationToken cancellationToken)
    {
        foreach (var (change, words) in new[] { (BuyerRatingChange.Down, "worse"), (BuyerRatingChange.Up, "better") })
        {
            var buyers = await cover.Buyers.ListMyBuyersAsync(new MyBuyersQuery { HealthChange = change }, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {buyers.Count} of my buyers are rated {words} than before."));
            foreach (var buyer in buyers.Take(3))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {buyer.Name ?? "Buyer " + buyer.BuyerId}: {buyer.PreviousRating?.ToString(CultureInfo.InvariantCulture) ?? "?"} -> {buyer.Rating?.ToString(CultureInfo.InvariantCulture) ?? "?"}."));
            }
        }
    }

    private void Report(string change, CoverChangeResult result)
    {
        // A cancelled cover leaves the current lists, so there may be nothing to read back.
        var cover = result.Cover is { } c ? ": " + CoverText.Decision(c) : string.Empty;
        switch (result.Outcome)
        {
            case CoverChangeOutcome.Applied:
                output.WriteLine($"  {change} applied{cover}.");
                break;
            case CoverChangeOutcome.Referred:
                output.WriteLine($"  {change} referred to an underwriter{cover}.");
                break;
            default:
                throw new StepFailedException($"{change} refused by the service: {result.ResponseText ?? "no reason given"}.");
        }
    }

    private static string Describe(ApplicationResult result) =>
        result.Cover is { } c
            ? CoverText.Decision(c) + (result.Recovered ? " (found already applied after an unanswered attempt)" : string.Empty)
            : string.Create(CultureInfo.InvariantCulture, $"cover {result.CoverId?.ToString(CultureInfo.InvariantCulture) ?? "(id unknown)"}; {result.DetailsUnavailableReason}");

    private static string Describe(Exception ex) => ex switch
    {
        StepFailedException step => step.Message,
        CoverOutcomeUnknownException unknown => unknown.Message,
        // Status 0: no answer came (the request was not sent, or the connection failed), which "answered 0" would hide.
        CoverApiException { Status: 0 } api => string.Create(CultureInfo.InvariantCulture, $"no answer from the Cover API: {api.Message} (correlation id {api.CorrelationId ?? "none"})"),
        CoverApiException api => string.Create(CultureInfo.InvariantCulture, $"the Cover API answered {api.Status}: {api.Message} (correlation id {api.CorrelationId ?? "none"})"),
        TimeoutException timeout => timeout.Message,
        _ => ex.GetType().Name + ": " + ex.Message,
    };
}
