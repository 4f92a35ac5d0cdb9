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
        payload = JsonSerializer.SerializeToUtf8Bytes(snapshot, PortfolioJsonContext.Default.CoverSnapshot);

        // The rating shown on a cover moves with the buyer's rating, which has its own versions: leaving it out
        // keeps a rating change from writing a new version of every cover on that buyer.
        var hashed = snapshot.BuyerRating is null
            ? payload
            : JsonSerializer.SerializeToUtf8Bytes(snapshot with { BuyerRating = null }, PortfolioJsonContext.Default.CoverSnapshot);
        var hash = unchecked((long)XxHash64.HashToUInt64(hashed));
        return (hash & ~1L) | (snapshot.IsHistoric ? 1L : 0L);
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
