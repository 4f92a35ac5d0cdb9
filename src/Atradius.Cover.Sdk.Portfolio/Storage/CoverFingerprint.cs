namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// The latest known state of one cover, reduced to what a sync compares: a struct, so that streaming the
/// fingerprints of 100,000 covers allocates nothing per cover.
/// </summary>
public readonly struct CoverFingerprint : IEquatable<CoverFingerprint>
{
    /// <summary>Creates a fingerprint entry.</summary>
    /// <param name="coverId">The cover's identifier at the service.</param>
    /// <param name="versionId">The store's identifier of the cover's latest version.</param>
    /// <param name="fingerprint">The caller's hash of that version.</param>
    public CoverFingerprint(long coverId, long versionId, long fingerprint)
    {
        CoverId = coverId;
        VersionId = versionId;
        Fingerprint = fingerprint;
    }

    /// <summary>The cover's identifier at the service.</summary>
    public long CoverId { get; }

    /// <summary>The store's identifier of the cover's latest version.</summary>
    public long VersionId { get; }

    /// <summary>The caller's hash of the cover's latest version.</summary>
    public long Fingerprint { get; }

    /// <inheritdoc />
    public bool Equals(CoverFingerprint other) =>
        CoverId == other.CoverId && VersionId == other.VersionId && Fingerprint == other.Fingerprint;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CoverFingerprint other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => unchecked(((CoverId.GetHashCode() * 397) ^ VersionId.GetHashCode()) * 397 ^ Fingerprint.GetHashCode());

    /// <summary>Whether two entries are equal.</summary>
    public static bool operator ==(CoverFingerprint left, CoverFingerprint right) => left.Equals(right);

    /// <summary>Whether two entries differ.</summary>
    public static bool operator !=(CoverFingerprint left, CoverFingerprint right) => !left.Equals(right);
}
