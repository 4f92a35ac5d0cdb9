using System.Globalization;
using Atradius.Cover.Sdk.Portfolio;

namespace Atradius.Cover.Samples.WorkerMonitor;

/// <summary>What a real host would turn into an e-mail to credit control or an ERP update: here, one line per change.</summary>
public sealed class ConsoleChangeHandler(ChangeWriter output) : ICoverChangeHandler
{
    private int initialLoad;

    public Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken)
    {
        if (change.IsInitialLoad)
        {
            // The first sync reports every cover as new; one line every 100 says so instead of hundreds. A cover under
            // notice also brings a second change (ReductionNotified), which is not another cover.
            if (change.Kind is not (CoverChangeKind.NewDecision or CoverChangeKind.Referred or CoverChangeKind.CoverEnded))
            {
                return Task.CompletedTask;
            }

            if (++initialLoad % 100 == 1)
            {
                output.WriteLine("Loading the portfolio: " + initialLoad.ToString(CultureInfo.InvariantCulture) + " covers so far");
            }

            return Task.CompletedTask;
        }

        var cover = change.Cover;
        output.WriteLine(change.Kind switch
        {
            CoverChangeKind.BuyerRatingChanged => $"{change.Kind}: buyer {change.BuyerId} rating {change.PreviousRating} -> {change.Rating} ({change.RatingDirection ?? "direction not given"})"
                + (change.PreviousRatingClass == change.RatingClass ? string.Empty : $", class {change.PreviousRatingClass ?? "-"} -> {change.RatingClass ?? "-"}"),
            _ => $"{change.Kind}: cover {change.CoverId} on buyer {change.BuyerId}, {cover?.DecisionCode ?? cover?.Status} {cover?.DecidedAmount?.ToString(CultureInfo.InvariantCulture) ?? "-"} {cover?.Currency}"
                + (cover?.WithdrawalDate is { } date ? ", effective " + date : string.Empty),
        });
        return Task.CompletedTask;
    }
}
