namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>Values of <c>coverType</c>.</summary>
internal static class CoverTypes
{
    public const string CreditLimit = "credit-limit";
    public const string CreditCheck = "credit-check";
    public const string Indication = "indication";

    public static bool IsKnown(string? value) => value is CreditLimit or CreditCheck or Indication;
}

/// <summary>Values of <c>coverStatus</c>.</summary>
internal static class CoverStatuses
{
    public const string Decision = "DECISION";
    public const string Referred = "REFERRED";
}

/// <summary>Values of the history entry <c>event</c>.</summary>
internal static class HistoryEvents
{
    public const string ApplicationSubmitted = "application-submitted";
    public const string Decided = "decided";
    public const string Superseded = "superseded";
    public const string Reduced = "reduced";
    public const string Cancelled = "cancelled";
    public const string ReferenceUpdated = "reference-updated";
    public const string Converted = "converted";
    public const string ReductionNotified = "reduction-notified";
    public const string WithdrawalNotified = "withdrawal-notified";
    public const string ReductionEffective = "reduction-effective";
    public const string WithdrawalEffective = "withdrawal-effective";
}
