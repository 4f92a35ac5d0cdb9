namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Tells which kinds of change separate two versions of a cover.</summary>
internal static class CoverChangeClassifier
{
    // A first sync classifies every cover it reads as first seen: one shared answer each rather than a list per cover.
    private static readonly CoverChangeKind[] FirstSeenEnded = [CoverChangeKind.CoverEnded];
    private static readonly CoverChangeKind[] FirstSeenReferred = [CoverChangeKind.Referred];
    private static readonly CoverChangeKind[] FirstSeenDecided = [CoverChangeKind.NewDecision];

    /// <summary>
    /// The kinds of change from <paramref name="previous"/> to <paramref name="current"/>; a cover seen for the first
    /// time has one, and a second when it is under notice or a reduction or withdrawal is in effect.
    /// </summary>
    public static IReadOnlyList<CoverChangeKind> Classify(CoverSnapshot? previous, CoverSnapshot current)
    {
        if (previous is null)
        {
            return FirstSeen(current);
        }

        if (previous.IsHistoric && !current.IsHistoric)
        {
            // A cover listed again after it ended (recorded missing, or kept its id through a supersede) is back in the
            // portfolio: reported as a cover first seen is, with the field changes telling what differs from its end.
            return FirstSeen(current);
        }

        var kinds = new List<CoverChangeKind>(2);
        // A version that got its decision, or went to an underwriter, changes amount and conditions with its status:
        // the status change says so, not an amount or conditions change besides it.
        var statusChanged = false;
        if (current.IsHistoric && !previous.IsHistoric)
        {
            kinds.Add(CoverChangeKind.CoverEnded);
            if (previous.IsReferred && !current.IsReferred)
            {
                // A referred application refused (or decided and replaced) before any sync read its decision ends with
                // it: the decision is news too, not only the end.
                kinds.Add(CoverChangeKind.Decided);
                statusChanged = true;
            }
        }
        else if (previous.IsReferred && !current.IsReferred)
        {
            kinds.Add(CoverChangeKind.Decided);
            statusChanged = true;
        }
        else if (!previous.IsReferred && current.IsReferred)
        {
            kinds.Add(CoverChangeKind.Referred);
            statusChanged = true;
        }

        var inEffect = false;
        if (Becomes(previous, current, "DC21") || IsNewNotice(previous, current))
        {
            kinds.Add(CoverChangeKind.ReductionNotified);
        }

        if (Becomes(previous, current, "DC09") || IsFurtherReduction(previous, current))
        {
            kinds.Add(CoverChangeKind.ReductionInEffect);
            inEffect = true;
        }

        if (Becomes(previous, current, "DC08"))
        {
            kinds.Add(CoverChangeKind.WithdrawalInEffect);
            inEffect = true;
        }

        if (!statusChanged && !inEffect && previous.DecidedAmount != current.DecidedAmount)
        {
            kinds.Add(CoverChangeKind.AmountChanged);
        }

        if (!statusChanged && !previous.Conditions.SequenceEqual(current.Conditions, StringComparer.Ordinal))
        {
            kinds.Add(CoverChangeKind.ConditionsChanged);
        }

        if (current.PendingProcess is not null && !string.Equals(previous.PendingProcess, current.PendingProcess, StringComparison.Ordinal))
        {
            kinds.Add(CoverChangeKind.PendingProcessStarted);
        }
        else if (current.PendingProcess is null && previous.PendingProcess is not null)
        {
            kinds.Add(CoverChangeKind.PendingProcessEnded);
        }

        if (!string.Equals(previous.CustomerReference, current.CustomerReference, StringComparison.Ordinal))
        {
            kinds.Add(CoverChangeKind.CustomerReferenceChanged);
        }

        if (!string.Equals(previous.CoverType, current.CoverType, StringComparison.Ordinal))
        {
            kinds.Add(CoverChangeKind.CoverTypeChanged);
        }

        if (kinds.Count == 0)
        {
            kinds.Add(CoverChangeKind.Other);
        }

        return kinds;
    }

    /// <summary>
    /// A cover first seen is new, referred or ended; one that comes under notice or with a reduction or withdrawal in
    /// effect says so too. Whether the service keeps a cover's id when the insurer reduces or withdraws it is not known:
    /// if it gives the new version an id of its own, that version is all the sync sees of the insurer's act.
    /// </summary>
    private static CoverChangeKind[] FirstSeen(CoverSnapshot current)
    {
        var seen = current.IsHistoric ? FirstSeenEnded : current.IsReferred ? FirstSeenReferred : FirstSeenDecided;
        return current.DecisionCode switch
        {
            "DC21" => [seen[0], CoverChangeKind.ReductionNotified],
            "DC09" => [seen[0], CoverChangeKind.ReductionInEffect],
            "DC08" => [seen[0], CoverChangeKind.WithdrawalInEffect],
            _ => seen,
        };
    }

    // A cover already under notice that is notified again (a later reduction, a moved date) names the date the notice
    // takes effect anew: the user learns of the new notice, not only of a pending process.
    private static bool IsNewNotice(CoverSnapshot previous, CoverSnapshot current) =>
        string.Equals(previous.DecisionCode, "DC21", StringComparison.Ordinal)
        && string.Equals(current.DecisionCode, "DC21", StringComparison.Ordinal)
        && current.WithdrawalDate is not null
        && !string.Equals(previous.WithdrawalDate, current.WithdrawalDate, StringComparison.Ordinal);

    // A cover reduced again while under an earlier reduction keeps DC09: no sync may have read the notice between the
    // two, so the lower amount is all that tells of the insurer's second reduction.
    private static bool IsFurtherReduction(CoverSnapshot previous, CoverSnapshot current) =>
        string.Equals(previous.DecisionCode, "DC09", StringComparison.Ordinal)
        && string.Equals(current.DecisionCode, "DC09", StringComparison.Ordinal)
        && previous.DecidedAmount is { } before
        && current.DecidedAmount is { } after
        && after < before;

    private static bool Becomes(CoverSnapshot previous, CoverSnapshot current, string code) =>
        string.Equals(current.DecisionCode, code, StringComparison.Ordinal) && !string.Equals(previous.DecisionCode, code, StringComparison.Ordinal);
}
