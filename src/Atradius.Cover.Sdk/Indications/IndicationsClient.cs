using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>Lists indications and converts them into credit limits. Reach it through <see cref="CoverClient.Indications"/>.</summary>
public class IndicationsClient
{
    private readonly CoverClientCore _core = null!;

    /// <summary>For mocking.</summary>
    protected IndicationsClient()
    {
    }

    internal IndicationsClient(CoverClientCore core) => _core = core;

    /// <summary>Lists the indications in the portfolio. Pages are fetched as the result is enumerated.</summary>
    /// <param name="query">Filters and page size; <see cref="DecisionQuery.CoverType"/> must be null or indication.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The indications.</returns>
    public virtual CoverPageable<CoverDecision> ListAsync(DecisionQuery? query = null, CancellationToken cancellationToken = default)
    {
        DecisionsClient.ValidateQuery(query, nameof(query));
        if (query?.CoverType is { } type && type != CoverType.Indication)
        {
            throw new ArgumentException("query.CoverType must be null or indication when listing indications.", "query.CoverType");
        }

        var source = new CoverListSource(_core, CoverListKind.Portfolio, query, Gen.ApplicationCoverType.Indication, query?.UpdatedSince);
        return new ServicePageable<CoverDecision>(source, query?.PageSize, cancellationToken);
    }

    /// <summary>Converts an indication into a credit limit of the same amount, with immediate effect.</summary>
    /// <param name="coverId">Id of the indication.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover, now a credit limit.</returns>
    public virtual Task<CoverDecision> ConvertToCreditLimitAsync(long coverId, CancellationToken cancellationToken) =>
        ConvertToCreditLimitAsync(coverId, options: null, cancellationToken);

    /// <summary>Converts an indication into a credit limit of the same amount, with immediate effect.</summary>
    /// <param name="coverId">Id of the indication.</param>
    /// <param name="options">Idempotency key, correlation id and <c>If-Match</c> for this call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover, now a credit limit.</returns>
    /// <exception cref="CoverConflictException">The cover is not an indication (409) or changed since <see cref="CoverRequestOptions.IfMatch"/> (412).</exception>
    /// <exception cref="CoverTransportException">No answer arrived; retry with the same idempotency key.</exception>
    public virtual async Task<CoverDecision> ConvertToCreditLimitAsync(long coverId, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        CoverArgument.RequestOptions(options, nameof(options));
        var key = CoverClientCore.IdempotencyKey(options?.IdempotencyKey);
        using var attempts = CoverAttempts.Start();
        Gen.CoverGeneratedResponse<Gen.Cover> response;
        try
        {
            var body = new Gen.CoverTypeChange { CoverType = Gen.CoverTypeChangeCoverType.CreditLimit };
            response = await _core.Api.ConvertIndicationAsync(options?.CorrelationId, coverId, key, options?.IfMatch, body, cancellationToken).ConfigureAwait(false);
        }
        catch (CoverApiException answer) when (CoverFailures.EarlierAttemptMayHaveActed(answer, key))
        {
            throw CoverFailures.AfterUnansweredAttempt(answer, key);
        }
        catch (Exception ex) when (CoverFailures.ShouldTranslate(ex, cancellationToken))
        {
            throw CoverFailures.Translate(ex, key);
        }

        return CoverCalls.ToDecision(response);
    }
}
