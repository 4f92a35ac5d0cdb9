namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>A buyer's rating now, the one before the latest change, and when it changed.</summary>
internal sealed record RatingState(int Current, int? Previous, DateTimeOffset? ChangedAt)
{
    /// <summary><c>up</c> when the rating improved (a lower number is better), <c>down</c> when it worsened, null when it never changed.</summary>
    public string? Change => Previous is not { } previous || previous == Current ? null : Current < previous ? "up" : "down";
}
