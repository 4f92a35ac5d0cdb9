using System.Text.Json;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Applies for cover and follows referred applications. Reach it through <see cref="CoverClient.Applications"/>.
/// </summary>
public class ApplicationsClient
{
    private readonly CoverClientCore _core = null!;

    /// <summary>For mocking.</summary>
    protected ApplicationsClient()
    {
    }

    internal ApplicationsClient(CoverClientCore core) => _core = core;

    /// <summary>
    /// Applies for cover (a credit limit, a credit check or an indication) on a buyer the customer has no cover
    /// with yet. The result is either decided at once or referred to an underwriter; for the latter, wait with
    /// <see cref="WaitForDecisionAsync(long, CancellationToken)"/>. The request carries an idempotency key
    /// (<see cref="CoverApplication.IdempotencyKey"/>, or one generated for this call) that every retry reuses.
    /// </summary>
    /// <param name="application">The application.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decided or referred application.</returns>
    /// <exception cref="ArgumentException">A field of <paramref name="application"/> is missing or malformed (named in the message); nothing was sent.</exception>
    /// <exception cref="CoverConflictException">The buyer already has cover under the policy: modify that cover instead.</exception>
    /// <exception cref="CoverValidationException">The service refused the application.</exception>
    /// <exception cref="CoverTransportException">No answer arrived; retry with the same idempotency key.</exception>
    public virtual async Task<ApplicationResult> SubmitAsync(CoverApplication application, CancellationToken cancellationToken = default)
    {
        var body = Validate(application);
        var key = CoverClientCore.IdempotencyKey(application.IdempotencyKey);

        using var attempts = CoverAttempts.Start();
        Gen.CoverGeneratedResponse<CoverDecision> response;
        try
        {
            // Sent by hand (CoverDirectCalls): the generated method's request and answers, without its per-call
            // header dictionary, and the cover read straight into the public model.
            response = await CoverDirectCalls.SubmitApplicationAsync(_core, application.CorrelationId, key, body, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverConflictException conflict) when (ExistingCoverId(conflict) is not null)
        {
            var recovered = await TryRecoverAsync(application, ExistingCoverId(conflict)!.Value, attempts.Counter.Count, cancellationToken).ConfigureAwait(false);
            if (recovered is null)
            {
                throw;
            }

            return new ApplicationResult { Cover = recovered, IdempotencyKey = key, RecoveredFromConflict = true };
        }
        catch (CoverApiException answer) when (CoverFailures.EarlierAttemptMayHaveActed(answer, key))
        {
            throw CoverFailures.AfterUnansweredAttempt(answer, key);
        }
        catch (Exception ex) when (CoverFailures.ShouldTranslate(ex, cancellationToken))
        {
            throw CoverFailures.Translate(ex, key);
        }

        return CoverCalls.ToResult(_core, response, key);
    }

    /// <summary>
    /// Submits many applications with bounded concurrency and records every item's outcome. Each item's
    /// idempotency key is derived from its content (or taken from <see cref="CoverApplication.IdempotencyKey"/>),
    /// so running the same batch again after a crash submits nothing twice.
    /// </summary>
    /// <param name="applications">The applications to submit.</param>
    /// <param name="options">Concurrency, batch id, waiting and progress; defaults when null.</param>
    /// <param name="cancellationToken">Stops sending; items not sent are recorded as <see cref="CoverBatchOutcome.NotSubmitted"/>.</param>
    /// <returns>The record of the batch: every item with its index, idempotency key and outcome.</returns>
    public virtual Task<CoverBatchResult> SubmitBatchAsync(IEnumerable<CoverApplication> applications, CoverBatchOptions? options = null, CancellationToken cancellationToken = default) =>
        new CoverBatchRunner(this).SubmitAsync(applications, options, cancellationToken);

    /// <summary>Submits a stream of applications with bounded concurrency, reading them as they are needed.</summary>
    /// <param name="applications">The applications to submit.</param>
    /// <param name="options">Concurrency, batch id, waiting and progress; defaults when null.</param>
    /// <param name="cancellationToken">Stops sending and reading; items not sent are recorded as <see cref="CoverBatchOutcome.NotSubmitted"/>.</param>
    /// <returns>The record of the batch: every item read with its index, idempotency key and outcome.</returns>
    public virtual Task<CoverBatchResult> SubmitBatchAsync(IAsyncEnumerable<CoverApplication> applications, CoverBatchOptions? options = null, CancellationToken cancellationToken = default) =>
        new CoverBatchRunner(this).SubmitAsync(applications, options, cancellationToken);

    /// <summary>Reads an application (a cover) by its id: decided, or still referred.</summary>
    /// <param name="coverId">Id of the cover, which is also the id of its application.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coverId"/> is not positive.</exception>
    /// <exception cref="CoverNotFoundException">There is no such cover.</exception>
    public virtual async Task<CoverDecision> GetAsync(long coverId, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        var (cover, _) = await CoverCalls.GetCoverAsync(_core, coverId, cancellationToken).ConfigureAwait(false);
        return cover;
    }

    /// <summary>
    /// Waits until a referred application is decided, looking again when the service says (<c>Retry-After</c>) or
    /// every <see cref="CoverClientOptions.PollInterval"/>, for at most <see cref="CoverClientOptions.WaitTimeout"/>.
    /// </summary>
    /// <param name="coverId">Id of the referred application (<see cref="ApplicationResult.CoverId"/>).</param>
    /// <param name="cancellationToken">Stops waiting; the application is not affected.</param>
    /// <returns>The cover once it is no longer referred.</returns>
    /// <exception cref="CoverDecisionTimeoutException">Still referred when the wait timed out.</exception>
    public virtual Task<CoverDecision> WaitForDecisionAsync(long coverId, CancellationToken cancellationToken) =>
        WaitForDecisionAsync(coverId, options: null, cancellationToken);

    /// <summary>
    /// Waits until a referred application is decided, looking again when the service says (<c>Retry-After</c>) or
    /// every poll interval, for at most the timeout.
    /// </summary>
    /// <param name="coverId">Id of the referred application (<see cref="ApplicationResult.CoverId"/>).</param>
    /// <param name="options">Poll interval and timeout for this wait; the client's options where null.</param>
    /// <param name="cancellationToken">Stops waiting; the application is not affected.</param>
    /// <returns>The cover once it is no longer referred.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coverId"/> is not positive, or the interval or timeout is not positive.</exception>
    /// <exception cref="CoverDecisionTimeoutException">Still referred when the wait timed out.</exception>
    public virtual async Task<CoverDecision> WaitForDecisionAsync(long coverId, CoverWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        var interval = options?.PollInterval ?? _core.Options.PollInterval;
        var timeout = options?.Timeout ?? _core.Options.WaitTimeout;
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(options?.PollInterval is null ? "CoverClientOptions.PollInterval" : "options.PollInterval", interval, "The poll interval must be positive.");
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(options?.Timeout is null ? "CoverClientOptions.WaitTimeout" : "options.Timeout", timeout, "The wait timeout must be positive.");
        }

        var time = _core.Time;
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var (cover, retryAfter) = await CoverCalls.GetCoverAsync(_core, coverId, cancellationToken).ConfigureAwait(false);
            if (!cover.IsReferred)
            {
                return cover;
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new CoverDecisionTimeoutException(coverId, timeout);
            }

            var delay = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : interval;
            await DelayAsync(delay < remaining ? delay : remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Lists applications referred to an underwriter and not decided yet. Pages are fetched as the result is enumerated.</summary>
    /// <param name="query">Policy, customer or buyer to narrow the list to, and the page size; cover type and updated-since are not supported here.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The referred applications.</returns>
    public virtual CoverPageable<CoverDecision> ListPendingAsync(DecisionQuery? query = null, CancellationToken cancellationToken = default)
    {
        DecisionsClient.ValidateQuery(query, nameof(query));
        if (query?.CoverType is not null)
        {
            throw new ArgumentException("query.CoverType is not supported by the list of pending applications.", "query.CoverType");
        }

        if (query?.UpdatedSince is not null)
        {
            throw new ArgumentException("query.UpdatedSince is not supported by the list of pending applications.", "query.UpdatedSince");
        }

        return new ServicePageable<CoverDecision>(new CoverListSource(_core, CoverListKind.Pending, query, null, null), query?.PageSize, cancellationToken);
    }

    private Gen.CoverApplication Validate(CoverApplication application)
    {
        CoverArgument.NotNull(application, nameof(application));

        CoverArgument.Id(application.CustomerId, "application.CustomerId");
        CoverArgument.Text(application.PolicyId, "application.PolicyId", 20);
        CoverArgument.Id(application.BuyerId, "application.BuyerId");
        var coverType = CoverCalls.ToGenerated(application.CoverType, "application.CoverType");
        if (coverType == Gen.ApplicationCoverType.CreditCheck)
        {
            if (application.CreditLimitAmount is not null)
            {
                throw new ArgumentException("application.CreditLimitAmount must be null for a credit check: its amount is fixed by the policy.", "application.CreditLimitAmount");
            }
        }
        else
        {
            if (application.CreditLimitAmount is not { } amount)
            {
                throw new ArgumentNullException("application.CreditLimitAmount", "application.CreditLimitAmount is required for a " + application.CoverType.Value + ".");
            }

            CoverArgument.Amount(amount, "application.CreditLimitAmount");
        }

        CoverArgument.Currency(application.CurrencyCode, "application.CurrencyCode");
        CoverArgument.NotPast(application.EffectFromDate, "application.EffectFromDate", _core.Time);
        CoverArgument.Reference(application.CustomerReference, "application.CustomerReference");
        CoverArgument.OptionalText(application.IdempotencyKey, "application.IdempotencyKey", 255);
        CoverArgument.OptionalText(application.CorrelationId, "application.CorrelationId", 128);

        return new Gen.CoverApplication
        {
            CustomerId = application.CustomerId,
            PolicyId = application.PolicyId!,
            BuyerId = application.BuyerId,
            CoverType = coverType,
            CreditLimitAmount = application.CreditLimitAmount,
            CurrencyCode = application.CurrencyCode!,
            EffectFromDate = CoverMapper.ToDto(application.EffectFromDate),
            CustomerRefNumber = application.CustomerReference,
        };
    }

    /// <summary>
    /// A "cover exists" answer to a submission whose first answer was lost means the cover may be the one this
    /// very submission created (on a service that does not honour idempotency keys). It is taken as the result
    /// only when it matches the application: after a counted retry, on policy, customer, buyer, type and amount;
    /// when it is unknown whether the request was retried, also on the customer reference.
    /// </summary>
    private async Task<CoverDecision?> TryRecoverAsync(CoverApplication application, long existingCoverId, int attempts, CancellationToken cancellationToken)
    {
        var retried = attempts >= 2;
        var unknown = attempts == 0;
        if (!retried && !(unknown && application.CustomerReference is not null))
        {
            return null;
        }

        CoverDecision existing;
        try
        {
            (existing, _) = await CoverCalls.GetCoverAsync(_core, existingCoverId, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverApiException)
        {
            // The conflict is the more useful error to report.
            return null;
        }

        var matches = existing.CustomerId == application.CustomerId
            && string.Equals(existing.PolicyId, application.PolicyId, StringComparison.Ordinal)
            && existing.BuyerId == application.BuyerId
            && existing.CoverType == application.CoverType
            && existing.ApplicationAmount?.Amount == application.CreditLimitAmount
            && (existing.ApplicationAmount is null || string.Equals(existing.ApplicationAmount.Value.Currency, application.CurrencyCode, StringComparison.OrdinalIgnoreCase));
        if (!matches)
        {
            return null;
        }

        if (!retried && !string.Equals(existing.CustomerReference, application.CustomerReference, StringComparison.Ordinal))
        {
            return null;
        }

        return existing;
    }

    private static long? ExistingCoverId(CoverApiException conflict)
    {
        if (conflict.Status != 409 || !string.Equals(conflict.ErrorCode, "COVER_EXISTS", StringComparison.Ordinal) || string.IsNullOrEmpty(conflict.RawBody))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(conflict.RawBody!);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object
                    && error.TryGetProperty("meta", out var meta)
                    && meta.ValueKind == JsonValueKind.Object
                    && meta.TryGetProperty("existingCoverId", out var id))
                {
                    if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) && number > 0)
                    {
                        return number;
                    }

                    if (id.ValueKind == JsonValueKind.String && long.TryParse(id.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number > 0)
                    {
                        return number;
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static Task DelayAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, time, cancellationToken);
#else
        time.Delay(delay, cancellationToken);
#endif
}
