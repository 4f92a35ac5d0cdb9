namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Options of a <see cref="CoverBatchRunner"/>.</summary>
public sealed class CoverBatchOptions
{
    // Above a day a runner that dies holds its batch for longer than anyone would wait to re-run it; below a second
    // the renewals (every third of it) would keep the store busy for nothing.
    private static readonly TimeSpan ShortestLease = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestLease = TimeSpan.FromDays(1);

    /// <summary>How many applications are in flight at once. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// How long a run's hold on its batch lasts in the store unless renewed; the run renews it every third of this.
    /// One run at a time works on a batch: another run of the same batch waits until the hold is released, or, when
    /// the run holding it died, until this long after its last renewal. A run sends no further application once it
    /// cannot renew the hold in time. Between one second and one day; default 30 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    // Every setting is a value, so a memberwise copy is a whole one; a collection added here needs its own.
    internal CoverBatchOptions Clone() => (CoverBatchOptions)MemberwiseClone();

    internal void Validate()
    {
        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "CoverBatchOptions.MaxConcurrency must be at least 1.");
        }

        if (LeaseDuration < ShortestLease || LeaseDuration > LongestLease)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "CoverBatchOptions.LeaseDuration must be between one second and one day.");
        }
    }
}
