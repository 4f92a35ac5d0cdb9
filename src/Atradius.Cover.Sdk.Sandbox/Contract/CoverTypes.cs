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
