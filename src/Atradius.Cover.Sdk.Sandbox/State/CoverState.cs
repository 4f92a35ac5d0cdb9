using Atradius.Cover.Sdk.Sandbox.Contract;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>Something scheduled on a cover that happens when the sandbox clock reaches it.</summary>
internal enum PendingKind
{
    None,
    Referral,
    Reduction,
    Withdrawal,
}

/// <summary>A cover with its versions and what is pending on it. Only touched under the store's lock.</summary>
internal sealed class CoverState
{
    public required CoverDto Current { get; set; }

    public List<HistoryEntryDto> History { get; init; } = [];

    public PendingKind Pending { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>Target amount of a notified reduction.</summary>
    public decimal PendingAmount { get; set; }

    /// <summary>The decided cover a referred increase would replace; null for a referred new application.</summary>
    public CoverDto? SupersededFrom { get; set; }
}
