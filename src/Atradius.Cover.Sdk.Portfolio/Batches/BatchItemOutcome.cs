namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>What the store keeps as a batch item's outcome.</summary>
internal sealed record BatchItemOutcome
{
    public CoverBatchItemStatus Status { get; init; }

    public bool Recovered { get; init; }

    public string? Error { get; init; }
}
