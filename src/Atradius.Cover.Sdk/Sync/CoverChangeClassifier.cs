namespace Atradius.Cover.Sdk;

/// <summary>Tells what kind of change separates two known states of a cover.</summary>
public static class CoverChangeClassifier
{
    /// <summary>Classifies the change from <paramref name="previous"/> to <paramref name="current"/>.</summary>
    /// <param name="previous">The state last known, or null when the cover is new to the caller.</param>
    /// <param name="current">The state now.</param>
    /// <returns>The kind of change; <see cref="CoverChangeKind.Other"/> when none of the specific kinds apply.</returns>
    /// <remarks>
    /// The end of a cover wins over everything else (a cancelled or withdrawn cover may also show a new amount of 0),
    /// and a pending cancellation is kept apart from a cancellation: the cover still stands until it is cancelled.
    /// </remarks>
    public static CoverChangeKind Classify(CoverSnapshot? previous, CoverSnapshot current)
    {
        _ = current ?? throw new ArgumentNullException(nameof(current));

        if (Is(current.HistoricCode, "CCLD") || Is(current.HistoricCode, "CIND") || Is(current.HistoricCode, "CCLA"))
        {
            return CoverChangeKind.Cancellation;
        }

        if (Is(current.HistoricCode, "WCLD") || (Is(current.DecisionCode, "DC08") && !Is(previous?.DecisionCode, "DC08")))
        {
            return CoverChangeKind.Withdrawal;
        }

        if (Is(current.PendingProcessIndicator, "C") && !Is(previous?.PendingProcessIndicator, "C"))
        {
            return CoverChangeKind.PendingCancellation;
        }

        if (previous is null)
        {
            return current.IsReferred ? CoverChangeKind.Referred : CoverChangeKind.NewDecision;
        }

        if (previous.IsReferred && !current.IsReferred)
        {
            return CoverChangeKind.ReferredToDecided;
        }

        if (current.IsReferred && !previous.IsReferred)
        {
            return CoverChangeKind.Referred;
        }

        if (IsReductionNotice(current.DecisionCode)
            && (!string.Equals(previous.DecisionCode, current.DecisionCode, StringComparison.OrdinalIgnoreCase)
                || previous.DecisionAmount != current.DecisionAmount
                || previous.WithdrawalDate != current.WithdrawalDate))
        {
            return CoverChangeKind.ReductionNotice;
        }

        if (previous.DecisionAmount != current.DecisionAmount)
        {
            return CoverChangeKind.AmountChanged;
        }

        if (!string.Equals(previous.CustomerReference, current.CustomerReference, StringComparison.Ordinal))
        {
            return CoverChangeKind.ReferenceUpdated;
        }

        return CoverChangeKind.Other;
    }

    private static bool IsReductionNotice(string? code) => Is(code, "DC21") || Is(code, "DC09") || Is(code, "DC22");

    private static bool Is(string? value, string code) => string.Equals(value, code, StringComparison.OrdinalIgnoreCase);
}
