using System.Collections.Concurrent;
using Atradius.Cover.Sdk.Sandbox.State;
using Atradius.Cover.Sdk.Sandbox.World;

namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>What writing a cover or buyer needs besides the record: the world, the ratings and the irregularity switch.</summary>
internal sealed class WireContext(SandboxWorld world, ConcurrentDictionary<long, RatingState> ratings, Func<bool> irregular)
{
    public SandboxWorld World { get; } = world;

    public bool Irregular => irregular();

    public RatingState Rating(long buyerId) =>
        ratings.TryGetValue(buyerId, out var rating) ? rating : new RatingState(World.FindBuyer(buyerId)?.Rating ?? 50, null, null);
}
