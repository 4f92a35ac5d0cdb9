using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads and changes cover decisions: the portfolio, new and historic decisions, a cover's history, and
/// increases, reductions, cancellations and reference updates. Reach it through <see cref="CoverClient.Decisions"/>.
/// </summary>
public class DecisionsClient
{
    private readonly CoverClientCore _core = null!;

    /// <summary>For mocking.</summary>
    protected DecisionsClient()
    {
    }

    internal DecisionsClient(CoverClientCore core) => _core = core;

    /// <summary>
    /// Lists the portfolio: every cover with its latest decision, new, updated and pending alike. Meant for big
    /// volumes and the first load of a local copy; afterwards, <see cref="ListNewAsync"/> keeps it in sync.
    /// Pages are fetched as the result is enumerated.
    /// </summary>
    /// <param name="query">Filters and page size; everything when null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The covers.</returns>
    public virtual CoverPageable<CoverDecision> ListAsync(DecisionQuery? query = null, CancellationToken cancellationToken = default)
    {
        ValidateQuery(query, nameof(query));
        var coverType = CoverCalls.ToGenerated(query?.CoverType, "query.CoverType");
        return new ServicePageable<CoverDecision>(new CoverListSource(_core, CoverListKind.Portfolio, query, coverType, query?.UpdatedSince), query?.PageSize, cancellationToken);
    }

    /// <summary>
    /// Lists decisions that are new or changed at or after <paramref name="since"/>, oldest change first,
    /// including decisions on referred applications and changes made by the insurer.
    /// </summary>
    /// <param name="since">The instant from which changes are listed (inclusive).</param>
    /// <param name="query">Other filters and the page size; <see cref="DecisionQuery.UpdatedSince"/> must be null.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The new and changed decisions.</returns>
    public virtual CoverPageable<CoverDecision> ListNewAsync(DateTimeOffset since, DecisionQuery? query = null, CancellationToken cancellationToken = default)
    {
        ValidateQuery(query, nameof(query));
        if (query?.UpdatedSince is not null)
        {
            throw new ArgumentException("query.UpdatedSince must be null: the since argument says from when.", "query.UpdatedSince");
        }

        var coverType = CoverCalls.ToGenerated(query?.CoverType, "query.CoverType");
        return new ServicePageable<CoverDecision>(new CoverListSource(_core, CoverListKind.New, query, coverType, since), query?.PageSize, cancellationToken);
    }

    /// <summary>
    /// Lists decisions that are no longer current (superseded, cancelled, withdrawn, expired, rejected), most
    /// recent first, each with its <see cref="CoverDecision.HistoricCode"/>.
    /// </summary>
    /// <param name="query">Filters and page size; <see cref="DecisionQuery.CoverType"/> is not supported here.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The historic decisions.</returns>
    public virtual CoverPageable<CoverDecision> ListHistoricAsync(DecisionQuery? query = null, CancellationToken cancellationToken = default)
    {
        ValidateQuery(query, nameof(query));
        if (query?.CoverType is not null)
        {
            throw new ArgumentException("query.CoverType is not supported by the list of historic decisions.", "query.CoverType");
        }

        return new ServicePageable<CoverDecision>(new CoverListSource(_core, CoverListKind.Historic, query, null, query?.UpdatedSince), query?.PageSize, cancellationToken);
    }

    /// <summary>Reads one cover with its current decision, and its <see cref="CoverDecision.ETag"/>.</summary>
    /// <param name="coverId">Id of the cover.</param>
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
    /// Lists every version of a cover, oldest first, each with what happened and what changed since the version before.
    /// </summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The versions.</returns>
    public virtual CoverPageable<CoverHistoryEntry> GetHistoryAsync(long coverId, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        return new ServicePageable<CoverHistoryEntry>(new CoverHistorySource(_core, coverId), null, cancellationToken);
    }

    /// <summary>Applies for a new (higher) amount superseding the current decision; it may be referred to an underwriter.</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="newAmount">The new amount, a positive multiple of 1000, in the cover's currency.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decided or referred increase; the current decision stays in force while it is referred.</returns>
    public virtual Task<ApplicationResult> IncreaseAsync(long coverId, decimal newAmount, CancellationToken cancellationToken) =>
        IncreaseAsync(coverId, newAmount, options: null, cancellationToken);

    /// <summary>Applies for a new (higher) amount superseding the current decision; it may be referred to an underwriter.</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="newAmount">The new amount, a positive multiple of 1000, in the cover's currency.</param>
    /// <param name="options">Idempotency key, correlation id and <c>If-Match</c> for this call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decided or referred increase; the current decision stays in force while it is referred.</returns>
    /// <exception cref="CoverConflictException">The cover changed since <see cref="CoverRequestOptions.IfMatch"/> (412), or cannot be changed now (409).</exception>
    /// <exception cref="CoverTransportException">No answer arrived; retry with the same idempotency key.</exception>
    public virtual async Task<ApplicationResult> IncreaseAsync(long coverId, decimal newAmount, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        CoverArgument.Amount(newAmount, nameof(newAmount));
        CoverArgument.RequestOptions(options, nameof(options));
        var body = new Gen.CoverModification { Action = Gen.ModificationAction.Supersede, CreditLimitAmount = newAmount };
        var (response, key) = await CoverCalls.ModifyAsync(_core, coverId, body, options, cancellationToken).ConfigureAwait(false);
        return CoverCalls.ToResult(_core, response, key);
    }

    /// <summary>Lowers the cover amount at once.</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="newAmount">The new amount, a positive multiple of 1000 below the current decision, in the cover's currency.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover after the change.</returns>
    public virtual Task<CoverDecision> ReduceAsync(long coverId, decimal newAmount, CancellationToken cancellationToken) =>
        ReduceAsync(coverId, newAmount, options: null, cancellationToken);

    /// <summary>Lowers the cover amount at once.</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="newAmount">The new amount, a positive multiple of 1000 below the current decision, in the cover's currency.</param>
    /// <param name="options">Idempotency key, correlation id and <c>If-Match</c> for this call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover after the change.</returns>
    /// <exception cref="CoverConflictException">The cover changed since <see cref="CoverRequestOptions.IfMatch"/> (412).</exception>
    /// <exception cref="CoverTransportException">No answer arrived; retry with the same idempotency key.</exception>
    public virtual async Task<CoverDecision> ReduceAsync(long coverId, decimal newAmount, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        CoverArgument.Amount(newAmount, nameof(newAmount));
        CoverArgument.RequestOptions(options, nameof(options));
        var body = new Gen.CoverModification { Action = Gen.ModificationAction.Reduce, CreditLimitAmount = newAmount };
        var (response, _) = await CoverCalls.ModifyAsync(_core, coverId, body, options, cancellationToken).ConfigureAwait(false);
        return CoverCalls.ToDecision(response);
    }

    /// <summary>Cancels a cover; it becomes historic (CCLD, CIND for an indication, CCLA for a referred application).</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover after the change.</returns>
    public virtual Task<CoverDecision> CancelAsync(long coverId, CancellationToken cancellationToken) =>
        CancelAsync(coverId, options: null, cancellationToken);

    /// <summary>Cancels a cover; it becomes historic (CCLD, CIND for an indication, CCLA for a referred application).</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="options">Idempotency key, correlation id and <c>If-Match</c> for this call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover after the change.</returns>
    /// <exception cref="CoverConflictException">The cover changed since <see cref="CoverRequestOptions.IfMatch"/> (412).</exception>
    /// <exception cref="CoverTransportException">No answer arrived; retry with the same idempotency key.</exception>
    public virtual async Task<CoverDecision> CancelAsync(long coverId, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        CoverArgument.RequestOptions(options, nameof(options));
        var body = new Gen.CoverModification { Action = Gen.ModificationAction.Cancel };
        var (response, _) = await CoverCalls.ModifyAsync(_core, coverId, body, options, cancellationToken).ConfigureAwait(false);
        return CoverCalls.ToDecision(response);
    }

    /// <summary>Changes the customer's own reference on a cover.</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="customerReference">The new reference, at most 35 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover after the change.</returns>
    public virtual Task<CoverDecision> UpdateCustomerReferenceAsync(long coverId, string customerReference, CancellationToken cancellationToken) =>
        UpdateCustomerReferenceAsync(coverId, customerReference, options: null, cancellationToken);

    /// <summary>Changes the customer's own reference on a cover.</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="customerReference">The new reference, at most 35 characters.</param>
    /// <param name="options">Idempotency key, correlation id and <c>If-Match</c> for this call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover after the change.</returns>
    /// <exception cref="CoverConflictException">The cover changed since <see cref="CoverRequestOptions.IfMatch"/> (412).</exception>
    public virtual async Task<CoverDecision> UpdateCustomerReferenceAsync(long coverId, string customerReference, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        CoverArgument.Id(coverId, nameof(coverId));
        CoverArgument.Text(customerReference, nameof(customerReference), CoverArgument.MaxReferenceLength);
        CoverArgument.RequestOptions(options, nameof(options));
        var body = new Gen.CoverModification { Action = Gen.ModificationAction.UpdateReference, CustomerRefNumber = customerReference };
        var (response, _) = await CoverCalls.ModifyAsync(_core, coverId, body, options, cancellationToken).ConfigureAwait(false);
        return CoverCalls.ToDecision(response);
    }

    internal static void ValidateQuery(DecisionQuery? query, string name)
    {
        if (query is null)
        {
            return;
        }

        CoverArgument.OptionalText(query.PolicyId, name + ".PolicyId", 20);
        CoverArgument.OptionalId(query.CustomerId, name + ".CustomerId");
        CoverArgument.OptionalId(query.BuyerId, name + ".BuyerId");
        CoverArgument.PageSize(query.PageSize, name + ".PageSize");
    }
}
