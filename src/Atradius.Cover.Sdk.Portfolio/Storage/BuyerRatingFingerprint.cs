namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The latest known state of one buyer's rating, reduced to what a sync compares: a struct, so that streaming the
/// fingerprints of every buyer allocates nothing per buyer.
/// </summary>
public readonly struct BuyerRatingFingerprint : IEquatable<BuyerRatingFingerprint>
{
    /// <summary>Creates a fingerprint entry.</summary>
    /// <param name="buyerId">The buyer's identifier.</param>
    /// <param name="versionId">The store's identifier of the buyer's latest rating version.</param>
    /// <param name="fingerprint">The caller's hash of that version.</param>
    public BuyerRatingFingerprint(long buyerId, long versionId, long fingerprint)
    {
        BuyerId = buyerId;
        VersionId = versionId;
        Fingerprint = fingerprint;
    }

    /// <summary>The buyer's identifier.</summary>
    public long BuyerId { get; }

    /// <summary>The store's identifier of the buyer's latest rating version.</summary>
    public long VersionId { get; }

    /// <summary>The caller's hash of the buyer's latest rating version.</summary>
    public long Fingerprint { get; }

    /// <inheritdoc />
    public bool Equals(BuyerRatingFingerprint other) =>
        BuyerId == other.BuyerId && VersionId == other.VersionId && Fingerprint == other.Fingerprint;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BuyerRatingFingerprint other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => unchecked(((BuyerId.GetHashCode() * 397) ^ VersionId.GetHashCode()) * 397 ^ Fingerprint.GetHashCode());

    /// <summary>Whether two entries are equal.</summary>
    public static bool operator ==(BuyerRatingFingerprint left, BuyerRatingFingerprint right) => left.Equals(right);

    /// <summary>Whether two entries differ.</summary>
    public static bool operator !=(BuyerRatingFingerprint left, BuyerRatingFingerprint right) => !left.Equals(right);
}
