using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.State;

namespace Atradius.Cover.Sdk.Sandbox.Persistence;

/// <summary>
/// The state file: covers, scheduled events, ratings and the clock; buyers and policies are regenerated from the seed
/// and the day the world was first made on, so that a policy keeps its dates however late the file is loaded.
/// </summary>
internal sealed class PersistedState
{
    /// <summary>The format this sandbox writes; it reads this one and older.</summary>
    public const int CurrentFormatVersion = 3;

    public int FormatVersion { get; set; } = CurrentFormatVersion;

    public int Seed { get; set; }

    /// <summary>The day the world was made on (format 3 on); null in older files, whose world is made on the day they are loaded.</summary>
    public DateOnly? WorldDate { get; set; }

    public int BuyerCount { get; set; }

    public TimeSpan ClockOffset { get; set; }

    public long NextCoverId { get; set; }

    public long Revision { get; set; }

    public DateTimeOffset LastStamp { get; set; }

    public List<CoverRecord> Current { get; set; } = [];

    public List<CoverRecord> Historic { get; set; } = [];

    public List<ScheduledEvent> Events { get; set; } = [];

    public List<PersistedRating> Ratings { get; set; } = [];
}

/// <summary>One buyer's rating in the state file.</summary>
internal sealed record PersistedRating(long BuyerId, int Current, int? Previous, DateTimeOffset? ChangedAt);
