namespace Atradius.Cover.Sdk;

/// <summary>Settings of one batch of applications.</summary>
public sealed class CoverBatchOptions
{
    /// <summary>Applications in flight at once, 1 to 64. Default 8.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Your name for this batch (for example the ERP export's file name), prefixed to every derived idempotency key, so
    /// the same application in two different batches is submitted twice on purpose. Run the batch again with the same
    /// id after a crash and nothing already submitted is submitted again. At most 180 printable ASCII characters.
    /// </summary>
    public string? BatchId { get; set; }

    /// <summary>Whether to wait for the underwriter's decision on referred applications before the batch completes.</summary>
    public bool WaitForReferredDecisions { get; set; }

    /// <summary>Poll interval and timeout of the wait for referred decisions; the client's defaults when null.</summary>
    public CoverWaitOptions? WaitOptions { get; set; }

    /// <summary>Receives progress after each finished item.</summary>
    public IProgress<CoverBatchProgress>? Progress { get; set; }

    internal void Validate()
    {
        if (MaxConcurrency is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "MaxConcurrency must be between 1 and 64.");
        }

        if (BatchId is { } id)
        {
            if (id.Length is 0 or > 180)
            {
                throw new ArgumentException("BatchId must have 1 to 180 characters.", nameof(BatchId));
            }

            foreach (var c in id)
            {
                if (c is < (char)0x21 or > (char)0x7E)
                {
                    throw new ArgumentException("BatchId must be printable ASCII without spaces: it becomes part of an HTTP header.", nameof(BatchId));
                }
            }
        }
    }
}
