using System.Globalization;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>Lists indications and converts them into credit limits. Reach it through <see cref="CoverClient.Indications"/>.</summary>
public class IndicationsClient
{
    private readonly CoverClientCore? _core;

    internal IndicationsClient(CoverClientCore core) => _core = core;

    /// <summary>For mocking.</summary>
    protected IndicationsClient()
    {
    }

    private CoverClientCore Core => _core ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Lists the indications of the portfolio (<c>/covers?coverType=indication</c>), streamed.</summary>
    /// <param name="query">Customer, buyer and policy filters (its cover type is ignored); all indications of the client's customer when null.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The indications, read as they arrive.</returns>
    public virtual CoverAsyncList<CoverDecision> ListAsync(CoverQuery? query = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var indications = new CoverQuery { CustomerId = query?.CustomerId, BuyerId = query?.BuyerId, PolicyId = query?.PolicyId, ChangedSince = query?.ChangedSince, CoverType = CoverType.Indication };
        return DecisionsClient.List(Core, CoverRoutes.Covers, indications, options, nameof(query), cancellationToken);
    }

    /// <summary>Converts an indication into a credit limit (<c>PATCH /covers/{coverId}/cover-type</c>).</summary>
    /// <param name="coverId">The indication's cover id.</param>
    /// <param name="customerId">
    /// The customer the indication is of; the client's when null. The request names only the cover; the customer is
    /// where the converted cover is looked for when the answer's body broke off (a broker converts another customer's).
    /// </param>
    /// <param name="policyId">The policy the indication is under; when null, the client's for the client's own customer, and none for another customer.</param>
    /// <param name="options">Correlation id and extra headers of the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The converted cover; when the answer's body broke off, the cover as the credit-limit list shows it (or the
    /// indication list, under a pending conversion). When the
    /// service took the conversion but carries it out later, its answer is the indication with the pending process
    /// <see cref="PendingProcessIndicator.IndicationConversion"/> (<c>V</c>), and that is returned: the conversion was
    /// accepted, so do not convert it again; the credit limit shows in the lists once it is made.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coverId"/> or <paramref name="customerId"/> is not positive; nothing was sent.</exception>
    /// <exception cref="ArgumentException"><paramref name="policyId"/> is empty, only blanks, or longer than 20 characters without the blanks around it (which are not sent); nothing was sent.</exception>
    /// <exception cref="CoverOutcomeUnknownException">The request may have reached the service and no answer says whether it converted the indication; or it answered success with something else than a credit limit (the indication as it was, with no pending conversion; an action's result) and the credit-limit list does not show the cover.</exception>
    /// <exception cref="CoverApiException">The service refused the conversion (with an error status, or a success status whose answer holds only errors); or it answered success and neither the answer nor the credit-limit list could show the converted cover (the message says the indication was converted).</exception>
    public virtual async Task<CoverResponse<CoverDecision>> ConvertToCreditLimitAsync(long coverId, long? customerId = null, string? policyId = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        CoverArgument.OptionalId(customerId, nameof(customerId));
        policyId = CoverArgument.PolicyId(policyId, nameof(policyId));
        CoverArgument.RequestOptions(options, nameof(options));
        var call = CoverTransport.ForCall(options);
        var body = new Gen.CoverTypeChange { CoverType = Gen.CoverTypeChangeCoverType.CreditLimit };
        var patch = new HttpMethod("PATCH");
        HttpResponseMessage response;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                response = await Core.Transport.SendJsonAsync(patch, CoverRoutes.CoverType(coverId), body, CoverJsonContext.Default.CoverTypeChange, call, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (CoverApiException refusal) when (CoverAttemptOutcome.WorthAnotherAttempt(refusal, attempt, Core.Options.Resilience))
            {
                // A 429, or a request the circuit breaker kept back, proves this attempt converted nothing.
                await CoverLookups.RetryAsync(Core, patch, CoverRoutes.CoverType(coverId), attempt, refusal, cancellationToken).ConfigureAwait(false);
            }
            catch (CoverApiException failure) when (CoverAttemptOutcome.MayHaveActed(failure))
            {
                throw new CoverOutcomeUnknownException(
                    "The indication " + coverId.ToString(CultureInfo.InvariantCulture) + " may have been converted into a credit limit: no answer said whether it was (" + failure.Message + "). List the covers"
                        + CoverOutcomeUnknownException.Whose(customerId, policyId, " of ") + " before converting it again" + MadeOrTaken + ".",
                    0,
                    CoverType.Indication,
                    "convert indication " + coverId.ToString(CultureInfo.InvariantCulture),
                    failure).For(customerId, policyId).ForCover(coverId);
            }
        }

        using (response)
        {
            var info = CoverResponseInfo.From(response, call.CorrelationId);
            // Errors and no cover are a refusal of the conversion, whatever the status said; an answer broken off or
            // unreadable (a proxy's HTML page) is lost, and the success status still says the conversion was made.
            var (cover, lost) = await Core.Transport.ReadWriteAnswerAsync(response, CoverJsonContext.Default.CoverDecision, info, cancellationToken).ConfigureAwait(false);
            if (cover is { BuyerId: <= 0 } && (cover.CoverType == CoverType.CreditLimit || (cover.CoverId == coverId && cover.PendingProcess == PendingProcessIndicator.IndicationConversion)))
            {
                // The cover the answer would be returned as names no buyer: it is unreadable, as a list would find it, and
                // the lists are read for it below (a cover without its id is unreadable as it is read).
                lost = CoverTransport.Unreadable(info, CoverDecisionConverter.NoBuyer(cover.CoverId));
                cover = null;
            }


            if (cover is not null && cover.CoverType == CoverType.CreditLimit)
            {
                return new CoverResponse<CoverDecision>(cover, info);
            }

            if (cover is not null && cover.CoverId == coverId && cover.PendingProcess == PendingProcessIndicator.IndicationConversion)
            {
                // The service took the conversion and shows it waiting on the indication: accepted, not yet made.
                return new CoverResponse<CoverDecision>(cover, info);
            }

            // The service answered success, so the conversion took effect; only the converted cover was lost on the
            // way. There is no cover by id and the buyer is not known here, so the credit limits are searched.
            var (readBack, unread) = await FindConvertedAsync(coverId, customerId, policyId, call, cancellationToken).ConfigureAwait(false);
            if (readBack is not null)
            {
                return new CoverResponse<CoverDecision>(readBack, info);
            }

            var listSays = unread is null ? "the covers show neither a credit limit nor a conversion pending under that id" : "the covers could not be read (" + unread + ")";

            if (cover is not null || CoverWithoutIdException.IsActionResult(lost))
            {
                // What the answer holds is no credit limit: the indication as it was, or an action's result ("Action has
                // been refused." answers a change with a success status, with or without the cover's id). It proves no
                // conversion, nor its refusal.
                var held = cover is null
                    ? "an action's result without a coverId"
                    : "cover " + cover.CoverId.ToString(CultureInfo.InvariantCulture) + " of type '" + (cover.CoverType.Value ?? string.Empty) + "'";
                throw new CoverOutcomeUnknownException(
                    "The Cover API answered " + info.Status.ToString(CultureInfo.InvariantCulture) + " to the conversion of indication " + coverId.ToString(CultureInfo.InvariantCulture)
                        + ", but its answer holds no credit limit (" + held + ") and " + listSays + ": it may not have been converted. List the covers"
                        + CoverOutcomeUnknownException.Whose(customerId, policyId, " of ") + " before converting it again" + MadeOrTaken + "."
                        + (info.CorrelationId is null ? string.Empty : " Correlation id: " + info.CorrelationId + "."),
                    0,
                    CoverType.Indication,
                    "convert indication " + coverId.ToString(CultureInfo.InvariantCulture),
                    new CoverApiException("The conversion's answer holds no credit limit.", info.Status, correlationId: info.CorrelationId, headers: info.Headers)).For(customerId, policyId).ForCover(coverId);
            }

            throw new CoverApiException(
                "The indication " + coverId.ToString(CultureInfo.InvariantCulture) + " was converted (the Cover API answered " + info.Status.ToString(CultureInfo.InvariantCulture) + "), but the converted cover could not be read ("
                    + (lost?.Message ?? "the answer held no cover") + "). List the buyer's covers to see it; do not convert it again.",
                info.Status,
                correlationId: info.CorrelationId,
                headers: info.Headers,
                innerException: lost);
        }
    }

    // What to look for in the covers, whichever way the service makes a conversion.
    private const string MadeOrTaken = ": a conversion made shows as a credit limit, one taken and still to be made as the indication under pending process V";

    /// <summary>
    /// The converted cover as the credit-limit list shows it, else the indication the indication list shows under a
    /// pending conversion (a conversion taken and still to be made); null with why, when a list could not be read.
    /// </summary>
    private async Task<(CoverDecision? Cover, string? Unread)> FindConvertedAsync(long coverId, long? customerId, string? policyId, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        try
        {
            // The indication's customer's covers: another customer's cover may carry the same id.
            var creditLimits = new CoverQuery { CustomerId = customerId, PolicyId = policyId, CoverType = CoverType.CreditLimit };
            await foreach (var creditLimit in DecisionsClient.List(Core, CoverRoutes.Covers, creditLimits, call, nameof(creditLimits), cancellationToken).ConfigureAwait(false))
            {
                if (creditLimit.CoverId == coverId)
                {
                    return (creditLimit, null);
                }
            }

            var indications = new CoverQuery { CustomerId = customerId, PolicyId = policyId, CoverType = CoverType.Indication };
            await foreach (var indication in DecisionsClient.List(Core, CoverRoutes.Covers, indications, call, nameof(indications), cancellationToken).ConfigureAwait(false))
            {
                if (indication.CoverId == coverId && indication.PendingProcess == PendingProcessIndicator.IndicationConversion)
                {
                    return (indication, null);
                }
            }
        }
        catch (CoverApiException failure)
        {
            // The read-back is a courtesy: the caller still learns that the conversion was made.
            return (null, failure.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled once the conversion was answered: thrown, the cancellation would hide that it was made.
            return (null, "the call was cancelled");
        }

        return (null, null);
    }
}
