using System.Globalization;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Lists the fields that differ between two versions of a cover.</summary>
/// <remarks>
/// Every field the fingerprint covers (all of the snapshot but the buyer's rating) is compared: a new version is
/// stored because its fingerprint changed, and its change must then say which field did.
/// </remarks>
internal static class CoverSnapshotDiff
{
    public static IReadOnlyList<CoverFieldChange> Compare(CoverSnapshot? before, CoverSnapshot after)
    {
        var changes = new List<CoverFieldChange>();
        Add(changes, nameof(CoverSnapshot.CustomerId), Text(before?.CustomerId), Text(after.CustomerId));
        Add(changes, nameof(CoverSnapshot.PolicyId), before?.PolicyId, after.PolicyId);
        Add(changes, nameof(CoverSnapshot.BuyerId), Text(before?.BuyerId), Text(after.BuyerId));
        Add(changes, nameof(CoverSnapshot.BuyerName), before?.BuyerName, after.BuyerName);
        Add(changes, nameof(CoverSnapshot.CoverType), before?.CoverType, after.CoverType);
        Add(changes, nameof(CoverSnapshot.Status), before?.Status, after.Status);
        Add(changes, nameof(CoverSnapshot.DecisionCode), before?.DecisionCode, after.DecisionCode);
        Add(changes, nameof(CoverSnapshot.DecisionDescription), before?.DecisionDescription, after.DecisionDescription);
        Add(changes, nameof(CoverSnapshot.HistoricCode), before?.HistoricCode, after.HistoricCode);
        Add(changes, nameof(CoverSnapshot.IsHistoric), Text(before?.IsHistoric), Text(after.IsHistoric));
        Add(changes, nameof(CoverSnapshot.PendingProcess), before?.PendingProcess, after.PendingProcess);
        Add(changes, nameof(CoverSnapshot.PendingProcessStatus), before?.PendingProcessStatus, after.PendingProcessStatus);
        Add(changes, nameof(CoverSnapshot.Currency), before?.Currency, after.Currency);
        Add(changes, nameof(CoverSnapshot.ApplicationAmount), Text(before?.ApplicationAmount), Text(after.ApplicationAmount));
        Add(changes, nameof(CoverSnapshot.DecidedAmount), Text(before?.DecidedAmount), Text(after.DecidedAmount));
        Add(changes, nameof(CoverSnapshot.FirstAmount), Text(before?.FirstAmount), Text(after.FirstAmount));
        Add(changes, nameof(CoverSnapshot.SecondAmount), Text(before?.SecondAmount), Text(after.SecondAmount));
        Add(changes, nameof(CoverSnapshot.DecisionExpiryDate), before?.DecisionExpiryDate, after.DecisionExpiryDate);
        Add(changes, nameof(CoverSnapshot.FirstAmountExpiryDate), before?.FirstAmountExpiryDate, after.FirstAmountExpiryDate);
        Add(changes, nameof(CoverSnapshot.SecondAmountExpiryDate), before?.SecondAmountExpiryDate, after.SecondAmountExpiryDate);
        Add(changes, nameof(CoverSnapshot.Conditions), Text(before?.Conditions), Text(after.Conditions));
        Add(changes, nameof(CoverSnapshot.ApplicationDate), Text(before?.ApplicationDate), Text(after.ApplicationDate));
        Add(changes, nameof(CoverSnapshot.DecisionDate), Text(before?.DecisionDate), Text(after.DecisionDate));
        Add(changes, nameof(CoverSnapshot.EffectFromDate), before?.EffectFromDate, after.EffectFromDate);
        Add(changes, nameof(CoverSnapshot.EffectiveToDate), before?.EffectiveToDate, after.EffectiveToDate);
        Add(changes, nameof(CoverSnapshot.WithdrawalDate), before?.WithdrawalDate, after.WithdrawalDate);
        Add(changes, nameof(CoverSnapshot.CustomerReference), before?.CustomerReference, after.CustomerReference);
        Add(changes, nameof(CoverSnapshot.Notes), before?.Notes, after.Notes);
        return changes;
    }

    private static void Add(List<CoverFieldChange> into, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            into.Add(new CoverFieldChange { Field = field, Before = before, After = after });
        }
    }

    private static string? Text(bool? value) => value switch { null => null, true => "true", false => "false" };

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    // To the tick, as the fingerprint keeps it: a date that moved by milliseconds is a new version, and its change must
    // name the date. A fraction of a second shows only where there is one, so a whole-second date reads as it always
    // has ("2026-01-05T09:00:00Z", also in changes stored before). Snapshots hold UTC; one with another offset (not read
    // from the service) keeps it, since the fingerprint tells the two apart as well.
    private static string? Text(DateTimeOffset? value) => value switch
    {
        null => null,
        { Offset.Ticks: 0 } date => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        { } date => date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
    };

    private static string? Text(IReadOnlyList<string>? value) => value is null || value.Count == 0 ? null : string.Join(",", value);
}
