namespace Atradius.Cover.Sdk;

/// <summary>What became of one application of a batch.</summary>
public enum CoverBatchOutcome
{
    /// <summary>Not sent: the batch was cancelled (or stopped) before this item's turn. Safe to submit again.</summary>
    NotSubmitted = 0,

    /// <summary>Decided (automatic underwriting, or an underwriter's decision the batch waited for).</summary>
    Decided,

    /// <summary>Referred to an underwriter; the decision comes later.</summary>
    Referred,

    /// <summary>The service refused the application (a 4xx answer); see the error code, detail and parameter.</summary>
    Rejected,

    /// <summary>Not sent: the application failed client-side validation; see the validation errors.</summary>
    Invalid,

    /// <summary>
    /// No answer after the pipeline's retries (transport error, timeout, 5xx, or cancelled in flight). It may have
    /// been created (see <c>CoverBatchItemResult.MayHaveBeenCreated</c>): submit it again with the same
    /// idempotency key to find out without creating it twice.
    /// </summary>
    Failed,
}
