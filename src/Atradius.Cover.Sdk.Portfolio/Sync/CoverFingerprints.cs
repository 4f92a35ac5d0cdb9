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
        payload = JsonSerializer.SerializeToUtf8Bytes(snapshot, PortfolioJsonContext.Default.CoverSnapshot);

        // The rating shown on a cover moves with the buyer's rating, which has its own versions: leaving it out
        // keeps a rating change from writing a new version of every cover on that buyer.
        var hash = unchecked((long)(snapshot.BuyerRating is null ? XxHash64.HashToUInt64(payload) : HashWithoutRating(snapshot, payload)));
        return (hash & ~1L) | (snapshot.IsHistoric ? 1L : 0L);
    }

    /// <summary>
    /// The hash of the snapshot's JSON without its rating: of the payload on either side of the member and the comma
    /// before it, which is byte for byte that JSON, without serialising the cover a second time.
    /// </summary>
    private static ulong HashWithoutRating(CoverSnapshot snapshot, byte[] payload)
    {
        // Found by its bytes, not by reading the JSON: member names are written as they are and a quote inside a
        // string is escaped, so these bytes can only be the member itself, and its value, a number, ends at the next
        // comma or brace. The two sides are hashed in one call, as a payload without a rating is: reading the JSON
        // back and hashing piece by piece added about half of the serialising's cost again, early in a process
        // before the runtime has optimised that code.
        var json = payload.AsSpan();
        var memberStart = json.LastIndexOf(RatingMember);
        var valueLength = memberStart > 0 ? json.Slice(memberStart + RatingMember.Length).IndexOfAny((byte)',', (byte)'}') : -1;
        if (valueLength <= 0)
        {
            return XxHash64.HashToUInt64(JsonSerializer.SerializeToUtf8Bytes(snapshot with { BuyerRating = null }, PortfolioJsonContext.Default.CoverSnapshot));
        }

        var after = json.Slice(memberStart + RatingMember.Length + valueLength);
        var length = memberStart + after.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            json.Slice(0, memberStart).CopyTo(buffer);
            after.CopyTo(buffer.AsSpan(memberStart));
            return XxHash64.HashToUInt64(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<byte> RatingMember => ",\"BuyerRating\":"u8;

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
