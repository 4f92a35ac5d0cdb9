namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>
/// Which of the real service's irregularities a given cover or buyer shows. The choice is a hash of
/// the id, never a random draw, so the same cover looks the same on every run and every read.
/// </summary>
internal static class Irregularities
{
    public const int ApplicationAmountAsString = 1;
    public const int DecisionAmountAsString = 2;
    public const int EmptyUserCurrencyAmount = 3;
    public const int OffsetTimestamps = 4;
    public const int RatingAsString = 5;
    public const int NoIdentifiers = 6;
    public const int NoBuyerName = 7;

    public static bool Shows(long id, int irregularity) => irregularity switch
    {
        EmptyUserCurrencyAmount => Mix(id, irregularity) % 4 == 0,
        RatingAsString => Mix(id, irregularity) % 2 == 0,
        _ => Mix(id, irregularity) % 3 == 0,
    };

    // SplitMix64: consecutive ids give unrelated bits.
    private static ulong Mix(long id, int salt)
    {
        var z = unchecked(((ulong)id * 0x9E3779B97F4A7C15UL) + ((ulong)salt * 0xD1B54A32D192ED03UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
