namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Options of a <see cref="CoverBatchRunner"/>.</summary>
public sealed class CoverBatchOptions
{
    /// <summary>How many applications are in flight at once. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    internal void Validate()
    {
        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "CoverBatchOptions.MaxConcurrency must be at least 1.");
        }
    }
}
