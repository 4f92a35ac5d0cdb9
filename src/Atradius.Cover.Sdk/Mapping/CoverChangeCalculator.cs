using System.Globalization;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>Works out what changed between two versions of a cover, as text a screen can show.</summary>
internal static class CoverChangeCalculator
{
    private static readonly IReadOnlyList<CoverFieldChange> NoChanges = Array.Empty<CoverFieldChange>();

    public static IReadOnlyList<CoverFieldChange> Compute(CoverDecision? previous, CoverDecision current)
    {
        if (previous is null)
        {
            return NoChanges;
        }

        List<CoverFieldChange>? changes = null;
        Add(ref changes, "CoverType", previous.CoverType.Value, current.CoverType.Value);
        Add(ref changes, "Status", previous.Status.Value, current.Status.Value);
        Add(ref changes, "Code", previous.Code?.Value, current.Code?.Value);
        Add(ref changes, "HistoricCode", previous.HistoricCode?.Value, current.HistoricCode?.Value);
        Add(ref changes, "PendingProcess", previous.PendingProcess?.Value, current.PendingProcess?.Value);
        Add(ref changes, "ApplicationAmount", Text(previous.ApplicationAmount), Text(current.ApplicationAmount));
        AddAmount(ref changes, "TotalDecision", previous.TotalDecision, current.TotalDecision);
        AddAmount(ref changes, "FirstAmountDecision", previous.FirstAmountDecision, current.FirstAmountDecision);
        AddAmount(ref changes, "SecondAmountDecision", previous.SecondAmountDecision, current.SecondAmountDecision);
        Add(ref changes, "EffectFromDate", Text(previous.EffectFromDate), Text(current.EffectFromDate));
        Add(ref changes, "EffectiveToDate", Text(previous.EffectiveToDate), Text(current.EffectiveToDate));
        Add(ref changes, "WithdrawalDate", Text(previous.WithdrawalDate), Text(current.WithdrawalDate));
        Add(ref changes, "CustomerReference", previous.CustomerReference, current.CustomerReference);
        Add(ref changes, "Notes", previous.Notes, current.Notes);
        return changes ?? NoChanges;
    }

    private static void AddAmount(ref List<CoverFieldChange>? changes, string field, DecisionAmount? previous, DecisionAmount? current)
    {
        Add(ref changes, field + ".Amount", Text(previous?.Amount), Text(current?.Amount));
        Add(ref changes, field + ".ExpiryDate", Text(previous?.ExpiryDate), Text(current?.ExpiryDate));
        Add(ref changes, field + ".Conditions", Text(previous?.Conditions), Text(current?.Conditions));
    }

    private static void Add(ref List<CoverFieldChange>? changes, string field, string? oldValue, string? newValue)
    {
        if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
        {
            (changes ??= new List<CoverFieldChange>()).Add(new CoverFieldChange(field, oldValue, newValue));
        }
    }

    private static string? Text(Money? value) => value?.ToString();

    private static string? Text(CoverDate? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(IReadOnlyList<DecisionCondition>? conditions)
    {
        if (conditions is null || conditions.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = 0; i < conditions.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(conditions[i].Code);
        }

        return text.ToString();
    }
}
