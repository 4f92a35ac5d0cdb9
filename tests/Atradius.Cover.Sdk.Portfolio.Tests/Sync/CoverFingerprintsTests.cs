using System.IO.Hashing;
using System.Text.Json;
using Xunit;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Sync;

/// <summary>
/// A cover's fingerprint is what the store compares every sync against: it must not move between releases for the
/// same content, or every stored cover would come back as changed.
/// </summary>
public sealed class CoverFingerprintsTests
{
    public static TheoryData<CoverSnapshot> Snapshots() => new()
    {
        Snapshot(rating: 7),
        Snapshot(rating: -3),
        Snapshot(rating: 0) with { Notes = "BuyerRating\":1, in a note", CustomerReference = "ERP \"7\"" },
        Snapshot(rating: 4) with { Notes = ",\"BuyerRating\":9}", CustomerReference = ",\"BuyerRating\":", BuyerName = "\u00e9\u20ac \"BuyerRating\"" },
        Snapshot(rating: 12) with { HistoricCode = "HC01", Conditions = ["C1", "C2"] },
        Snapshot(rating: null),
        Snapshot(rating: null) with { HistoricCode = "HC02" },
    };

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void The_fingerprint_is_the_hash_of_the_cover_without_its_rating_with_the_historic_flag_in_the_lowest_bit(CoverSnapshot snapshot)
    {
        var withoutRating = JsonSerializer.SerializeToUtf8Bytes(snapshot with { BuyerRating = null }, PortfolioJsonContext.Default.CoverSnapshot);
        var hash = unchecked((long)XxHash64.HashToUInt64(withoutRating));
        var expected = (hash & ~1L) | (snapshot.IsHistoric ? 1L : 0L);

        var fingerprint = CoverFingerprints.Of(snapshot, out var payload);

        Assert.Equal(expected, fingerprint);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot, PortfolioJsonContext.Default.CoverSnapshot), payload);
        Assert.Equal(snapshot.BuyerRating, CoverFingerprints.ReadCover(payload).BuyerRating);
    }

    [Fact]
    public void A_rating_change_alone_keeps_the_fingerprint_and_any_other_change_moves_it()
    {
        var fingerprint = CoverFingerprints.Of(Snapshot(rating: 7), out _);

        Assert.Equal(fingerprint, CoverFingerprints.Of(Snapshot(rating: 3), out _));
        Assert.Equal(fingerprint, CoverFingerprints.Of(Snapshot(rating: null), out _));
        Assert.NotEqual(fingerprint, CoverFingerprints.Of(Snapshot(rating: 7) with { DecidedAmount = 40000m }, out _));
        Assert.NotEqual(fingerprint, CoverFingerprints.Of(Snapshot(rating: 7) with { Notes = "BuyerRating" }, out _));
    }

    private static CoverSnapshot Snapshot(int? rating) => new()
    {
        CoverId = 70000001,
        CustomerId = 200417,
        PolicyId = "5012345",
        BuyerId = 10000001,
        BuyerName = "Buyer 1 B.V.",
        CoverType = "credit-limit",
        Status = "DECISION",
        DecisionCode = "DC01",
        Currency = "EUR",
        ApplicationAmount = 50000m,
        DecidedAmount = 50000m,
        CustomerReference = "ERP-1",
        BuyerRating = rating,
    };
}
