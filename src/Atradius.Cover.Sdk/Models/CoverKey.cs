namespace Atradius.Cover.Sdk;

/// <summary>
/// What names a cover in a change (<c>PUT /covers</c> has no id): the buyer and the cover type, under the
/// client's customer and policy unless <see cref="CustomerId"/> or <see cref="PolicyId"/> say otherwise. A key that
/// names another customer than the client's names that customer's policy too: the client's policy is its own customer's.
/// </summary>
public readonly struct CoverKey : IEquatable<CoverKey>
{
    /// <summary>Creates a key.</summary>
    /// <param name="buyerId">The Atradius Buyer ID.</param>
    /// <param name="coverType">The cover type: credit limit, credit check or indication.</param>
    /// <param name="policyId">The policy, when not the client's; required for a change when <paramref name="customerId"/> names another customer.</param>
    /// <param name="customerId">The customer, when not the client's.</param>
    public CoverKey(long buyerId, CoverType coverType, string? policyId = null, long? customerId = null)
    {
        BuyerId = buyerId;
        CoverType = coverType;
        PolicyId = policyId;
        CustomerId = customerId;
    }

    /// <summary>Gets the Atradius Buyer ID.</summary>
    public long BuyerId { get; }

    /// <summary>Gets the cover type.</summary>
    public CoverType CoverType { get; }

    /// <summary>Gets the policy, when not the client's.</summary>
    public string? PolicyId { get; }

    /// <summary>Gets the customer, when not the client's.</summary>
    public long? CustomerId { get; }

    /// <summary>Whether two keys name the same cover.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    public static bool operator ==(CoverKey left, CoverKey right) => left.Equals(right);

    /// <summary>Whether two keys name different covers.</summary>
    /// <param name="left">A key.</param>
    /// <param name="right">Another key.</param>
    public static bool operator !=(CoverKey left, CoverKey right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(CoverKey other) =>
        BuyerId == other.BuyerId && CoverType == other.CoverType && string.Equals(PolicyId, other.PolicyId, StringComparison.Ordinal) && CustomerId == other.CustomerId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CoverKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (BuyerId.GetHashCode() * 31) ^ CoverType.GetHashCode();

    /// <summary>The buyer and cover type.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "buyer " + BuyerId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + CoverType;
}
