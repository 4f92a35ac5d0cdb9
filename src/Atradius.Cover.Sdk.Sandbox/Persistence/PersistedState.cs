using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.State;

namespace Atradius.Cover.Sdk.Sandbox.Persistence;

/// <summary>The state file: the covers and their history; buyers and policies are regenerated from the seed.</summary>
internal sealed class PersistedState
{
    public int FormatVersion { get; set; } = 1;

    public int Seed { get; set; }

    public int BuyerCount { get; set; }

    public long NextCoverId { get; set; }

    public DateTimeOffset LastStamp { get; set; }

    public List<PersistedCover> Covers { get; set; } = [];

    public List<CoverDto> Historic { get; set; } = [];
}

/// <summary>One cover in the state file.</summary>
internal sealed class PersistedCover
{
    public required CoverDto Cover { get; set; }

    public List<HistoryEntryDto> History { get; set; } = [];

    public PendingKind Pending { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public decimal PendingAmount { get; set; }

    public CoverDto? SupersededFrom { get; set; }
}
