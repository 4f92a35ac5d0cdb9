namespace Atradius.Cover.Sdk;

/// <summary>How far a batch has got; reported after each finished item.</summary>
public sealed class CoverBatchProgress
{
    internal CoverBatchProgress(int completed, int? total, int decided, int referred, int rejected, int invalid, int failed)
    {
        Completed = completed;
        Total = total;
        Decided = decided;
        Referred = referred;
        Rejected = rejected;
        Invalid = invalid;
        Failed = failed;
    }

    /// <summary>Items finished so far, whatever their outcome.</summary>
    public int Completed { get; }

    /// <summary>Items in the batch, when the input tells its size up front; null for a stream.</summary>
    public int? Total { get; }

    /// <summary>Items decided so far.</summary>
    public int Decided { get; }

    /// <summary>Items referred to an underwriter so far.</summary>
    public int Referred { get; }

    /// <summary>Items the service refused so far.</summary>
    public int Rejected { get; }

    /// <summary>Items that failed validation so far (not sent).</summary>
    public int Invalid { get; }

    /// <summary>Items without an answer after retries so far.</summary>
    public int Failed { get; }

    /// <inheritdoc />
    public override string ToString() => Total is { } total ? $"{Completed}/{total}" : Completed.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
