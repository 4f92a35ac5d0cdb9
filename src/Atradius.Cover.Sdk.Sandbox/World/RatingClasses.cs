namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>Maps a buyer rating (1 best, 100 worst) to its class.</summary>
internal static class RatingClasses
{
    public static string For(int rating) => rating switch
    {
        <= 20 => "Very good",
        <= 40 => "Good",
        <= 55 => "Satisfactory",
        <= 70 => "Fair",
        <= 85 => "Weak",
        _ => "Poor",
    };
}
