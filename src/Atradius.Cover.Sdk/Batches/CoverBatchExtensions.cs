namespace Atradius.Cover.Sdk;

/// <summary>Batch submission on <see cref="ICoverClient.Applications"/>.</summary>
public static class CoverBatchExtensions
{
    /// <summary>Submits many applications with bounded concurrency; see <see cref="CoverBatchRunner"/>.</summary>
    /// <param name="applications">The applications client, for example <c>cover.Applications</c>.</param>
    /// <param name="items">The applications to submit.</param>
    /// <param name="options">Concurrency, batch id, waiting and progress; defaults when null.</param>
    /// <param name="cancellationToken">Stops sending; items not sent are recorded as <see cref="CoverBatchOutcome.NotSubmitted"/>.</param>
    /// <returns>The record of the batch: every item with its index, idempotency key and outcome.</returns>
    public static Task<CoverBatchResult> SubmitBatchAsync(this ApplicationsClient applications, IEnumerable<CoverApplication> items, CoverBatchOptions? options = null, CancellationToken cancellationToken = default) =>
        new CoverBatchRunner(applications).SubmitAsync(items, options, cancellationToken);

    /// <summary>Submits a stream of applications with bounded concurrency; see <see cref="CoverBatchRunner"/>.</summary>
    /// <param name="applications">The applications client, for example <c>cover.Applications</c>.</param>
    /// <param name="items">The applications to submit, read as they are needed.</param>
    /// <param name="options">Concurrency, batch id, waiting and progress; defaults when null.</param>
    /// <param name="cancellationToken">Stops sending and reading.</param>
    /// <returns>The record of the batch: every item read with its index, idempotency key and outcome.</returns>
    public static Task<CoverBatchResult> SubmitBatchAsync(this ApplicationsClient applications, IAsyncEnumerable<CoverApplication> items, CoverBatchOptions? options = null, CancellationToken cancellationToken = default) =>
        new CoverBatchRunner(applications).SubmitAsync(items, options, cancellationToken);
}
