using System.Text;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Builders for what a sync would hand the store.</summary>
internal static class Portfolios
{
    public const string Key = "200417/5012345";
    public const string OtherKey = "200417/5099999";

    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    public static CoverVersion NewCover(long coverId, long buyerId, long fingerprint, DateTimeOffset observedAt, string sourceList = "current") => new()
    {
        CoverId = coverId,
        BuyerId = buyerId,
        CoverType = "CreditLimit",
        SourceList = sourceList,
        Fingerprint = fingerprint,
        ObservedAt = observedAt,
        Payload = Json($$"""{"coverId":{{coverId}},"buyerId":{{buyerId}},"fingerprint":{{fingerprint}}}"""),
    };

    public static BuyerRatingVersion Rating(long buyerId, long fingerprint, DateTimeOffset observedAt) => new()
    {
        BuyerId = buyerId,
        Fingerprint = fingerprint,
        ObservedAt = observedAt,
        Payload = Json($$"""{"buyerId":{{buyerId}},"rating":{{fingerprint}}}"""),
    };

    public static PortfolioCommit Covers(params CoverVersion[] versions) => new() { CoverVersions = versions };

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public static string Text(ReadOnlyMemory<byte> payload) => Encoding.UTF8.GetString(payload.Span);
}
