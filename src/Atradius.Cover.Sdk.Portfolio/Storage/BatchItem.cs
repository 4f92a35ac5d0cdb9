namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>One item of a batch as the store keeps it.</summary>
public sealed class BatchItem
{
    /// <summary>The batch the item belongs to.</summary>
    public string BatchId { get; init; } = string.Empty;

    /// <summary>The item's identity within the batch.</summary>
    public string ItemKey { get; init; } = string.Empty;

    /// <summary>The item's position in the batch's record, from 0: items a re-run added come after those recorded before.</summary>
    public int ItemIndex { get; init; }

    /// <summary>Where the item stands.</summary>
    public BatchItemState State { get; init; }

    /// <summary>How many times the item was moved to <see cref="BatchItemState.InFlight"/>, that is, sent.</summary>
    public int AttemptCount { get; init; }

    /// <summary>The cover the item produced or was matched to, once known.</summary>
    public long? CoverId { get; init; }

    /// <summary>The recorded outcome as UTF-8 JSON; empty until one is recorded.</summary>
    public ReadOnlyMemory<byte> Outcome { get; init; }

    /// <summary>When the item was last written, in UTC.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
