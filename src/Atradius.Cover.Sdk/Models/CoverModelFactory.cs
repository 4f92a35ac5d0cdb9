namespace Atradius.Cover.Sdk;

/// <summary>
/// Builds the SDK's read-only models, for tests of code that uses the SDK (for example a mocked
/// <see cref="ICoverClient"/> returning a <see cref="CoverDecision"/>).
/// </summary>
public static class CoverModelFactory
{
    /// <summary>Builds a <see cref="CoverDecision"/>.</summary>
    /// <param name="coverId">Id of the cover.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="policyId">The policy.</param>
    /// <param name="buyerId">The Atradius Buyer ID.</param>
    /// <param name="buyerName">Name of the buyer.</param>
    /// <param name="coverType">Type of cover; credit limit when null.</param>
    /// <param name="status">Status; decided when null.</param>
    /// <param name="code">Decision code.</param>
    /// <param name="historicCode">Historic code.</param>
    /// <param name="pendingProcess">Pending process.</param>
    /// <param name="applicationAmount">Amount applied for.</param>
    /// <param name="totalDecision">Total decision.</param>
    /// <param name="firstAmountDecision">First amount of a split decision.</param>
    /// <param name="secondAmountDecision">Second amount of a split decision.</param>
    /// <param name="applicationDate">When the application was received.</param>
    /// <param name="decisionDate">When the decision was taken.</param>
    /// <param name="effectFromDate">Start date.</param>
    /// <param name="effectiveToDate">End date.</param>
    /// <param name="withdrawalDate">Date a notified withdrawal takes effect.</param>
    /// <param name="customerReference">The customer's reference.</param>
    /// <param name="notes">Underwriter's remarks.</param>
    /// <param name="version">Version.</param>
    /// <param name="eTag">Entity tag.</param>
    /// <param name="updatedAt">When the cover last changed.</param>
    /// <returns>The cover.</returns>
    public static CoverDecision CoverDecision(
        long coverId = 1,
        long customerId = 1,
        string policyId = "1",
        long buyerId = 1,
        string? buyerName = null,
        CoverType? coverType = null,
        CoverStatus? status = null,
        DecisionCode? code = null,
        HistoricCode? historicCode = null,
        PendingProcessIndicator? pendingProcess = null,
        Money? applicationAmount = null,
        DecisionAmount? totalDecision = null,
        DecisionAmount? firstAmountDecision = null,
        DecisionAmount? secondAmountDecision = null,
        DateTimeOffset applicationDate = default,
        DateTimeOffset? decisionDate = null,
        CoverDate? effectFromDate = null,
        CoverDate? effectiveToDate = null,
        CoverDate? withdrawalDate = null,
        string? customerReference = null,
        string? notes = null,
        int version = 1,
        string? eTag = null,
        DateTimeOffset updatedAt = default) =>
        new()
        {
            CoverId = coverId,
            CustomerId = customerId,
            PolicyId = policyId,
            BuyerId = buyerId,
            BuyerName = buyerName,
            CoverType = coverType ?? Sdk.CoverType.CreditLimit,
            Status = status ?? CoverStatus.Decision,
            Code = code,
            HistoricCode = historicCode,
            PendingProcess = pendingProcess,
            ApplicationAmount = applicationAmount,
            TotalDecision = totalDecision,
            FirstAmountDecision = firstAmountDecision,
            SecondAmountDecision = secondAmountDecision,
            ApplicationDate = applicationDate,
            DecisionDate = decisionDate,
            EffectFromDate = effectFromDate,
            EffectiveToDate = effectiveToDate,
            WithdrawalDate = withdrawalDate,
            CustomerReference = customerReference,
            Notes = notes,
            Version = version,
            ETag = eTag,
            UpdatedAt = updatedAt,
        };

    /// <summary>Builds a <see cref="Sdk.DecisionAmount"/>.</summary>
    /// <param name="amount">The amount decided.</param>
    /// <param name="expiryDate">When it expires.</param>
    /// <param name="conditions">Its conditions.</param>
    /// <returns>The decision amount.</returns>
    public static DecisionAmount DecisionAmount(Money amount, CoverDate? expiryDate = null, IEnumerable<DecisionCondition>? conditions = null) =>
        new()
        {
            Amount = amount,
            ExpiryDate = expiryDate,
            Conditions = conditions is null ? Array.Empty<DecisionCondition>() : new List<DecisionCondition>(conditions),
        };

    /// <summary>Builds a <see cref="Sdk.DecisionCondition"/>.</summary>
    /// <param name="code">Code of the condition.</param>
    /// <param name="type">Kind of condition.</param>
    /// <param name="description">The condition in words.</param>
    /// <returns>The condition.</returns>
    public static DecisionCondition DecisionCondition(string code, string? type = null, string? description = null) =>
        new() { Code = code, Type = type, Description = description };

    /// <summary>Builds a <see cref="Sdk.Buyer"/>.</summary>
    /// <param name="buyerId">The Atradius Buyer ID.</param>
    /// <param name="name">Name.</param>
    /// <param name="countryCode">Country, ISO 3166-1 alpha-3.</param>
    /// <param name="identifiers">Identifiers.</param>
    /// <param name="address">Address.</param>
    /// <param name="rating">Rating.</param>
    /// <param name="ratingClass">Rating class.</param>
    /// <returns>The buyer.</returns>
    public static Buyer Buyer(long buyerId = 1, string name = "", string countryCode = "", IEnumerable<BuyerIdentifier>? identifiers = null, BuyerAddress? address = null, int? rating = null, string? ratingClass = null) =>
        new()
        {
            BuyerId = buyerId,
            Name = name,
            CountryCode = countryCode,
            Identifiers = identifiers is null ? Array.Empty<BuyerIdentifier>() : new List<BuyerIdentifier>(identifiers),
            Address = address,
            Rating = rating,
            RatingClass = ratingClass,
        };

    /// <summary>Builds a <see cref="Sdk.BuyerAddress"/>.</summary>
    /// <param name="street">Street and number.</param>
    /// <param name="city">City.</param>
    /// <param name="postCode">Postal code.</param>
    /// <param name="countryCode">Country.</param>
    /// <returns>The address.</returns>
    public static BuyerAddress BuyerAddress(string? street = null, string? city = null, string? postCode = null, string? countryCode = null) =>
        new() { Street = street, City = city, PostCode = postCode, CountryCode = countryCode };

    /// <summary>Builds an <see cref="Sdk.ApplicationResult"/>.</summary>
    /// <param name="cover">The cover, decided or referred.</param>
    /// <param name="retryAfter">For a referred application, when to look again.</param>
    /// <param name="location">Where the cover can be read.</param>
    /// <param name="idempotencyKey">The idempotency key.</param>
    /// <param name="recoveredFromConflict">Whether the result was recovered from a "cover exists" answer.</param>
    /// <returns>The result.</returns>
    public static ApplicationResult ApplicationResult(CoverDecision cover, TimeSpan? retryAfter = null, Uri? location = null, string idempotencyKey = "", bool recoveredFromConflict = false) =>
        new() { Cover = cover, RetryAfter = retryAfter, Location = location, IdempotencyKey = idempotencyKey, RecoveredFromConflict = recoveredFromConflict };

    /// <summary>Builds a <see cref="Sdk.CoverHistoryEntry"/>.</summary>
    /// <param name="version">Version number.</param>
    /// <param name="recordedAt">When it was recorded.</param>
    /// <param name="event">What made the version.</param>
    /// <param name="cover">The cover at that version.</param>
    /// <param name="changes">What changed since the previous version.</param>
    /// <returns>The entry.</returns>
    public static CoverHistoryEntry CoverHistoryEntry(int version, DateTimeOffset recordedAt, CoverHistoryEvent @event, CoverDecision cover, IEnumerable<CoverFieldChange>? changes = null) =>
        new()
        {
            Version = version,
            RecordedAt = recordedAt,
            Event = @event,
            Cover = cover,
            Changes = changes is null ? Array.Empty<CoverFieldChange>() : new List<CoverFieldChange>(changes),
        };

    /// <summary>Builds a <see cref="CoverPage{T}"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="continuationToken">The token of the next page; null for the last page.</param>
    /// <returns>The page.</returns>
    public static CoverPage<T> Page<T>(IEnumerable<T> items, string? continuationToken = null) =>
        new(new List<T>(items), continuationToken);

    /// <summary>
    /// Builds a <see cref="CoverPageable{T}"/> over pages held in memory; <see cref="CoverPageable{T}.AsPages"/>
    /// resumes after the page whose continuation token it is given.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages, in order.</param>
    /// <returns>The list.</returns>
    public static CoverPageable<T> Pageable<T>(params CoverPage<T>[] pages) =>
        new StaticPageable<T>(pages ?? Array.Empty<CoverPage<T>>());
}
