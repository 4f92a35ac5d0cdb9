using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>The cover calls more than one sub-client makes.</summary>
internal static class CoverCalls
{
    public static async Task<(CoverDecision Cover, TimeSpan? RetryAfter)> GetCoverAsync(CoverClientCore core, long coverId, CancellationToken cancellationToken)
    {
        Gen.CoverGeneratedResponse<CoverDecision> response;
        try
        {
            response = await CoverDirectCalls.GetCoverAsync(core, coverId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CoverFailures.ShouldTranslate(ex, cancellationToken))
        {
            throw CoverFailures.Translate(ex, idempotencyKey: null);
        }

        return (response.Result, CoverHeaders.ReadRetryAfter(response.Headers, core.Time.GetUtcNow()));
    }

    public static async Task<(Gen.CoverGeneratedResponse<Gen.Cover> Response, string IdempotencyKey)> ModifyAsync(
        CoverClientCore core, long coverId, Gen.CoverModification body, CoverRequestOptions? options, CancellationToken cancellationToken)
    {
        var key = CoverClientCore.IdempotencyKey(options?.IdempotencyKey);

        // Counts the attempts, so that a failure can tell whether an earlier attempt went unanswered.
        using var attempts = CoverAttempts.Start();
        try
        {
            var response = await core.Api.ModifyCoverAsync(options?.CorrelationId, coverId, key, options?.IfMatch, body, cancellationToken).ConfigureAwait(false);
            return (response, key);
        }
        catch (CoverApiException answer) when (CoverFailures.EarlierAttemptMayHaveActed(answer, key))
        {
            throw CoverFailures.AfterUnansweredAttempt(answer, key);
        }
        catch (Exception ex) when (CoverFailures.ShouldTranslate(ex, cancellationToken))
        {
            throw CoverFailures.Translate(ex, key);
        }
    }

    public static CoverDecision ToDecision(Gen.CoverGeneratedResponse<Gen.Cover> response) =>
        CoverMapper.ToDecision(response.Result, response.StatusCode, response.Headers, CoverHeaders.First(response.Headers, CoverHeaders.ETag));

    public static ApplicationResult ToResult(CoverClientCore core, Gen.CoverGeneratedResponse<CoverDecision> response, string idempotencyKey) =>
        new()
        {
            Cover = response.Result,
            RetryAfter = CoverHeaders.ReadRetryAfter(response.Headers, core.Time.GetUtcNow()),
            Location = CoverHeaders.ReadLocation(response.Headers),
            IdempotencyKey = idempotencyKey,
        };

    public static ApplicationResult ToResult(CoverClientCore core, Gen.CoverGeneratedResponse<Gen.Cover> response, string idempotencyKey) =>
        new()
        {
            Cover = ToDecision(response),
            RetryAfter = CoverHeaders.ReadRetryAfter(response.Headers, core.Time.GetUtcNow()),
            Location = CoverHeaders.ReadLocation(response.Headers),
            IdempotencyKey = idempotencyKey,
        };

    public static Gen.ApplicationCoverType ToGenerated(CoverType coverType, string name)
    {
        if (coverType == CoverType.CreditLimit)
        {
            return Gen.ApplicationCoverType.CreditLimit;
        }

        if (coverType == CoverType.CreditCheck)
        {
            return Gen.ApplicationCoverType.CreditCheck;
        }

        if (coverType == CoverType.Indication)
        {
            return Gen.ApplicationCoverType.Indication;
        }

        throw new ArgumentException(name + " must be credit-limit, credit-check or indication; it is '" + coverType.Value + "'.", name);
    }

    public static Gen.ApplicationCoverType? ToGenerated(CoverType? coverType, string name) =>
        coverType is { } type ? ToGenerated(type, name) : null;
}
