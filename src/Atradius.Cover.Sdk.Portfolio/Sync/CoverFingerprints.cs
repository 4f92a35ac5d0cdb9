using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// 64-bit fingerprints (XxHash64) of the canonical JSON of a version. The lowest bit of a cover's fingerprint
/// says whether the version is historic, so the sync's in-memory map (cover id to fingerprint, about 20 bytes a
/// cover) also knows which covers have ended without reading their versions.
/// </summary>
internal static class CoverFingerprints
{
    public static long Of(CoverSnapshot snapshot, out byte[] payload)
    {
        payload = CoverSnapshotWriter.Write(snapshot, out var ratingMember);

        // The rating shown on a cover moves with the buyer's rating, which has its own versions: leaving it out
        // keeps a rating change from writing a new version of every cover on that buyer.
        var hash = unchecked((long)(snapshot.BuyerRating is null ? XxHash64.HashToUInt64(payload) : HashWithout(payload, ratingMember)));
        return (hash & ~1L) | (snapshot.IsHistoric ? 1L : 0L);
    }

    /// <summary>
    /// The hash of the JSON without one member: of the two sides of it hashed in one call, which is byte for byte the
    /// JSON of the snapshot without that member, without serialising the cover a second time.
    /// </summary>
    private static ulong HashWithout(byte[] payload, (int Start, int Length) member)
    {
        var json = payload.AsSpan();
        var before = json.Slice(0, member.Start);
        var after = json.Slice(member.Start + member.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(before.Length + after.Length);
        try
        {
            before.CopyTo(buffer);
            after.CopyTo(buffer.AsSpan(before.Length));
            return XxHash64.HashToUInt64(buffer.AsSpan(0, before.Length + after.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static bool IsHistoric(long fingerprint) => (fingerprint & 1L) != 0;

    public static long Of(BuyerRatingSnapshot buyer, out byte[] payload)
    {
        payload = JsonSerializer.SerializeToUtf8Bytes(buyer, PortfolioJsonContext.Default.BuyerRatingSnapshot);
        var canonical = Encoding.UTF8.GetBytes((buyer.Rating?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-") + "|" + (buyer.RatingClass ?? "-"));
        return unchecked((long)XxHash64.HashToUInt64(canonical));
    }

    public static CoverSnapshot ReadCover(ReadOnlyMemory<byte> payload) =>
        JsonSerializer.Deserialize(payload.Span, PortfolioJsonContext.Default.CoverSnapshot)
        ?? throw new InvalidDataException("A stored cover version has an empty payload.");

    public static BuyerRatingSnapshot ReadBuyer(ReadOnlyMemory<byte> payload) =>
        JsonSerializer.Deserialize(payload.Span, PortfolioJsonContext.Default.BuyerRatingSnapshot)
        ?? throw new InvalidDataException("A stored buyer rating version has an empty payload.");
}
