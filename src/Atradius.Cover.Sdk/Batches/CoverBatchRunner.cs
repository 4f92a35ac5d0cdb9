namespace Atradius.Cover.Sdk;

/// <summary>
/// Submits many applications with bounded concurrency and records what became of each: decided, referred, rejected,
/// invalid, failed or not submitted. Also reachable as <c>cover.Applications.SubmitBatchAsync(...)</c>.
/// </summary>
/// <remarks>
/// Every application is sent with an idempotency key derived from its content (see <see cref="CoverBatchKeys"/>), so
/// running an interrupted batch again submits nothing twice: applications already created answer with their cover.
/// </remarks>
public class CoverBatchRunner
{
    private readonly ApplicationsClient _applications;

    /// <summary>Creates a runner over a client's applications.</summary>
    /// <param name="applications">For example <c>cover.Applications</c>.</param>
    public CoverBatchRunner(ApplicationsClient applications)
    {
        _applications = applications ?? throw new ArgumentNullException(nameof(applications));
    }

    /// <summary>For mocking.</summary>
    protected CoverBatchRunner()
    {
        _applications = null!;
    }

    /// <summary>Submits the applications of an in-memory input; every item gets a record, even after cancellation.</summary>
    /// <param name="applications">The applications; a null item is recorded as invalid.</param>
    /// <param name="options">Concurrency, batch id, waiting and progress; defaults when null.</param>
    /// <param name="cancellationToken">Stops sending; items not sent are recorded as <see cref="CoverBatchOutcome.NotSubmitted"/>.</param>
    /// <returns>The record of the batch.</returns>
    public virtual Task<CoverBatchResult> SubmitAsync(IEnumerable<CoverApplication> applications, CoverBatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = applications ?? throw new ArgumentNullException(nameof(applications));
        int? total = applications switch
        {
            ICollection<CoverApplication> c => c.Count,
            IReadOnlyCollection<CoverApplication> r => r.Count,
            _ => null,
        };
        return RunAsync(applications, null, total, options, cancellationToken);
    }

    /// <summary>Submits the applications of a stream, read as they are needed.</summary>
    /// <param name="applications">The applications; a null item is recorded as invalid.</param>
    /// <param name="options">Concurrency, batch id, waiting and progress; defaults when null.</param>
    /// <param name="cancellationToken">Stops sending and reading; see <see cref="CoverBatchResult.InputReadToEnd"/>.</param>
    /// <returns>The record of the batch.</returns>
    public virtual Task<CoverBatchResult> SubmitAsync(IAsyncEnumerable<CoverApplication> applications, CoverBatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = applications ?? throw new ArgumentNullException(nameof(applications));
        return RunAsync(null, applications, null, options, cancellationToken);
    }

    private async Task<CoverBatchResult> RunAsync(IEnumerable<CoverApplication>? items, IAsyncEnumerable<CoverApplication>? asyncItems, int? total, CoverBatchOptions? options, CancellationToken cancellationToken)
    {
        options ??= new CoverBatchOptions();
        options.Validate();
        var batchId = options.BatchId;
        var waitOptions = options.WaitOptions;

        Func<CoverApplication, CoverBatchAnswer, CancellationToken, Task<CoverBatchAnswer>>? wait = null;
        if (options.WaitForReferredDecisions)
        {
            wait = async (_, answer, ct) =>
            {
                var decided = await _applications.WaitForDecisionAsync(answer.Submitted.CoverId, waitOptions, ct).ConfigureAwait(false);
                return new CoverBatchAnswer(answer.Submitted, decided);
            };
        }

        var engine = new CoverBatchEngine<CoverApplication, CoverBatchAnswer>(
            Validate,
            application => CoverBatchKeys.Derive(application, batchId),
            async (application, key, ct) =>
            {
                // A copy carries the key, so the caller's object is never changed.
                var result = await _applications.SubmitAsync(WithKey(application, key), ct).ConfigureAwait(false);
                return new CoverBatchAnswer(result, result.Cover);
            },
            answer => answer.Current.IsReferred,
            wait,
            options.MaxConcurrency,
            options.Progress);

        var run = await engine.RunAsync(items, asyncItems, total, cancellationToken).ConfigureAwait(false);
        var results = new CoverBatchItemResult[run.Slots.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new CoverBatchItemResult(run.Slots[i]);
        }

        return new CoverBatchResult(results, run.WasCancelled, run.InputReadToEnd);
    }

    // The facade checks every field again before sending (its ArgumentException is recorded as Invalid too); this only
    // catches what would keep a key from being derived.
    private static readonly IReadOnlyList<string> NullApplication = new[] { "The application is null." };

    private static IReadOnlyList<string> Validate(CoverApplication application) =>
        application is null ? NullApplication : Array.Empty<string>();

    private static CoverApplication WithKey(CoverApplication application, string key) => new()
    {
        CustomerId = application.CustomerId,
        PolicyId = application.PolicyId,
        BuyerId = application.BuyerId,
        CoverType = application.CoverType,
        CreditLimitAmount = application.CreditLimitAmount,
        CurrencyCode = application.CurrencyCode,
        EffectFromDate = application.EffectFromDate,
        CustomerReference = application.CustomerReference,
        CorrelationId = application.CorrelationId,
        IdempotencyKey = key,
    };
}
