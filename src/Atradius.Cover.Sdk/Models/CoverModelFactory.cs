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
    /// <param name="coverType">Type of cover; credit limit when null.</param>
    /// <param name="status">Status; decided when null.</param>
    /// <param name="code">Decision code.</param>
    /// <param name="historicCode">Historic code.</param>
    /// <param name="pendingProcess">Pending process.</param>
    /// <param name="policyCurrency">Policy currency.</param>
    /// <param name="applicationAmount">Amount applied for, in policy currency.</param>
    /// <param name="totalDecision">Total decision.</param>
    /// <param name="applicationDate">When the application was received.</param>
    /// <param name="decisionDate">When the decision was taken.</param>
    /// <param name="effectFromDate">Start date.</param>
    /// <param name="effectiveToDate">End date.</param>
    /// <param name="withdrawalDate">Date a notified withdrawal takes effect.</param>
    /// <param name="customerReference">The customer's reference.</param>
    /// <param name="buyerName">Name of the buyer.</param>
    /// <param name="notes">Underwriter's remarks.</param>
    /// <param name="firstAmountDecision">The first amount's decision, of a cover decided in two amounts.</param>
    /// <param name="secondAmountDecision">The second amount's decision, of a cover decided in two amounts.</param>
    /// <param name="applicationAmountInUserCurrency">The amount applied for, in the user's currency.</param>
    /// <param name="decisionDescription">The decision in words.</param>
    /// <param name="pendingProcessStatus">The pending process in words.</param>
    /// <param name="buyerRating">The buyer's current rating.</param>
    /// <param name="buyerIdentifiers">The buyer's identifiers.</param>
    /// <returns>The cover.</returns>
    public static CoverDecision CoverDecision(
        long coverId = 1,
        long customerId = 1,
        string policyId = "1",
        long buyerId = 1,
        CoverType? coverType = null,
        CoverStatus? status = null,
        DecisionCode? code = null,
        HistoricCode? historicCode = null,
        PendingProcessIndicator? pendingProcess = null,
        string? policyCurrency = null,
        Money? applicationAmount = null,
        DecisionAmount? totalDecision = null,
        DateTimeOffset? applicationDate = null,
        DateTimeOffset? decisionDate = null,
        CoverDate? effectFromDate = null,
        CoverDate? effectiveToDate = null,
        CoverDate? withdrawalDate = null,
        string? customerReference = null,
        string? buyerName = null,
        string? notes = null,
        DecisionAmount? firstAmountDecision = null,
        DecisionAmount? secondAmountDecision = null,
        decimal? applicationAmountInUserCurrency = null,
        string? decisionDescription = null,
        string? pendingProcessStatus = null,
        int? buyerRating = null,
        IEnumerable<BuyerIdentifier>? buyerIdentifiers = null) =>
        new()
        {
            CoverId = coverId,
            CustomerId = customerId,
            PolicyId = policyId ?? string.Empty,
            BuyerId = buyerId,
            BuyerName = buyerName,
            BuyerIdentifiers = buyerIdentifiers?.ToArray() ?? Array.Empty<BuyerIdentifier>(),
            CoverType = coverType ?? CoverType.CreditLimit,
            Status = status ?? CoverStatus.Decision,
            Code = code,
            DecisionDescription = decisionDescription,
            HistoricCode = historicCode,
            PendingProcess = pendingProcess,
            PendingProcessStatus = pendingProcessStatus,
            PolicyCurrency = policyCurrency ?? applicationAmount?.Currency ?? totalDecision?.Amount?.Currency ?? firstAmountDecision?.Amount?.Currency,
            ApplicationAmount = applicationAmount,
            ApplicationAmountInUserCurrency = applicationAmountInUserCurrency,
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
            BuyerRating = buyerRating,
        };

    /// <summary>Builds a <see cref="DecisionAmount"/>.</summary>
    /// <param name="amount">The amount in policy currency; 0 is a refusal.</param>
    /// <param name="amountInUserCurrency">The amount in the user's currency.</param>
    /// <param name="expiryDate">When the amount expires.</param>
    /// <param name="conditions">Conditions attached to the decision.</param>
    /// <returns>The amount.</returns>
    public static DecisionAmount DecisionAmount(Money? amount, decimal? amountInUserCurrency = null, CoverDate? expiryDate = null, IEnumerable<DecisionCondition>? conditions = null) =>
        new()
        {
            Amount = amount,
            AmountInUserCurrency = amountInUserCurrency,
            ExpiryDate = expiryDate,
            Conditions = conditions?.ToArray() ?? Array.Empty<DecisionCondition>(),
        };

    /// <summary>Builds a <see cref="DecisionCondition"/>.</summary>
    /// <param name="code">Code of the condition.</param>
    /// <param name="type">Kind of condition.</param>
    /// <param name="description">The condition in words.</param>
    /// <param name="categoryDescription">The category in words.</param>
    /// <returns>The condition.</returns>
    public static DecisionCondition DecisionCondition(string code, string? type = null, string? description = null, string? categoryDescription = null) =>
        new() { Code = code ?? string.Empty, Type = type, Description = description, CategoryDescription = categoryDescription };

    /// <summary>Builds a <see cref="Buyer"/>.</summary>
    /// <param name="buyerId">The Atradius Buyer ID.</param>
    /// <param name="name">The buyer's name.</param>
    /// <param name="identifiers">The buyer's identifiers.</param>
    /// <param name="rating">The current rating.</param>
    /// <param name="ratingClass">The current rating's class.</param>
    /// <param name="previousRating">The rating before the latest change.</param>
    /// <param name="ratingChange">The direction of the latest change.</param>
    /// <returns>The buyer.</returns>
    public static Buyer Buyer(long buyerId = 1, string? name = null, IEnumerable<BuyerIdentifier>? identifiers = null, int? rating = null, string? ratingClass = null, int? previousRating = null, BuyerRatingChange? ratingChange = null) =>
        new()
        {
            BuyerId = buyerId,
            Name = name,
            Identifiers = identifiers?.ToArray() ?? Array.Empty<BuyerIdentifier>(),
            Rating = rating,
            RatingClass = ratingClass,
            PreviousRating = previousRating,
            RatingChange = ratingChange,
        };

    /// <summary>Builds a <see cref="Policy"/>.</summary>
    /// <param name="policyId">The policy id.</param>
    /// <param name="status">The status, e.g. <c>live</c>.</param>
    /// <param name="currency">The policy currency.</param>
    /// <param name="startDate">The first day.</param>
    /// <param name="expiryDate">The last day.</param>
    /// <returns>The policy.</returns>
    public static Policy Policy(string policyId = "1", string status = "live", string? currency = null, CoverDate? startDate = null, CoverDate? expiryDate = null) =>
        new() { PolicyId = policyId ?? string.Empty, Status = status ?? string.Empty, Currency = currency, StartDate = startDate, ExpiryDate = expiryDate };
}
