using System.Text.Json;
using Xunit;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Sync;

/// <summary>
/// Stored fingerprints are hashes of a snapshot's JSON as the generated serialiser writes it; the sync writes that
/// JSON with a writer of its own, which must match it byte for byte for any content, or every stored cover would come
/// back as changed after an upgrade.
/// </summary>
public sealed class CoverSnapshotWriterTests
{
    private static readonly string?[] Texts =
    [
        null,
        string.Empty,
        "Buyer 1 B.V.",
        "ERP \"7\" \\ path",
        "<script>&'+`",
        "line\nbreak\ttab\u0001\u001f",
        "M\u00fcller & S\u00f6hne \u20ac \u4e2d\u6587 \ud83d\ude00",
        ",\"BuyerRating\":9}",
        "BuyerRating",
        "  padded  ",
        new string('x', 5000),
    ];

    private static readonly decimal?[] Amounts =
    [
        null, 0m, 50000m, 50000.00m, 0.5m, -1.25m, 0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue,
        CoverSnapshot.Normalize(123456.7800m),
    ];

    private static readonly DateTimeOffset?[] Dates =
    [
        null,
        new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 29, 1, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234567),
        new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.FromMinutes(-330)),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
    ];

    private static readonly int?[] Ratings = [null, 0, 1, 10, -3, int.MinValue, int.MaxValue];

    private static readonly IReadOnlyList<string>[] ConditionLists =
    [
        Array.Empty<string>(),
        ["C1"],
        ["C1", "C2", "A \"quoted\" <code>"],
        new List<string> { "\u00e9", string.Empty },
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Writes_the_bytes_of_the_generated_serialiser_for_any_content(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var snapshot = RandomSnapshot(random);

            var written = CoverSnapshotWriter.Write(snapshot, out _);

            Assert.Equal(Generated(snapshot), written);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Leaving_out_the_rating_member_gives_the_bytes_of_the_snapshot_without_a_rating(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var snapshot = RandomSnapshot(random) with { BuyerRating = random.Next(-5, 20) };

            var written = CoverSnapshotWriter.Write(snapshot, out var ratingMember);

            var (start, length) = ratingMember;
            byte[] withoutRating = [.. written.AsSpan(0, start), .. written.AsSpan(start + length)];
            Assert.Equal(Generated(snapshot with { BuyerRating = null }), withoutRating);
        }
    }

    [Fact]
    public void A_snapshot_without_a_rating_has_no_rating_member_to_leave_out()
    {
        CoverSnapshotWriter.Write(RandomSnapshot(new Random(9)) with { BuyerRating = null }, out var ratingMember);

        Assert.Equal(0, ratingMember.Length);
    }

    [Fact]
    public void A_write_that_failed_leaves_nothing_behind_for_the_next()
    {
        var snapshot = RandomSnapshot(new Random(10));
        var invalid = snapshot with { Notes = "lone \ud800 surrogate" };

        var generatedFailure = Record.Exception(() => Generated(invalid));
        var writerFailure = Record.Exception(() => CoverSnapshotWriter.Write(invalid, out _));

        Assert.Equal(generatedFailure?.GetType(), writerFailure?.GetType());
        Assert.Equal(Generated(snapshot), CoverSnapshotWriter.Write(snapshot, out _));
    }

    [Fact]
    public void A_cover_with_a_very_long_text_is_written_whole_and_the_next_ones_as_before()
    {
        var random = new Random(11);
        var snapshots = new[] { RandomSnapshot(random), RandomSnapshot(random) with { Notes = new string('n', 100_000) + "\u00e9\"" }, RandomSnapshot(random), RandomSnapshot(random) };

        foreach (var snapshot in snapshots)
        {
            Assert.Equal(Generated(snapshot), CoverSnapshotWriter.Write(snapshot, out _));
        }
    }

    [Fact]
    public void Writes_from_several_threads_at_once_do_not_mix()
    {
        var snapshots = Enumerable.Range(0, 2000).Select(i => RandomSnapshot(new Random(i))).ToArray();

        var written = snapshots.AsParallel().WithDegreeOfParallelism(4).Select(s => CoverSnapshotWriter.Write(s, out _)).ToArray();

        for (var i = 0; i < snapshots.Length; i++)
        {
            Assert.Equal(Generated(snapshots[i]), written[i]);
        }
    }

    private static byte[] Generated(CoverSnapshot snapshot) =>
        JsonSerializer.SerializeToUtf8Bytes(snapshot, PortfolioJsonContext.Default.CoverSnapshot);

    private static CoverSnapshot RandomSnapshot(Random random) => new()
    {
        CoverId = random.NextInt64(),
        CustomerId = random.NextInt64(-10, 1_000_000),
        PolicyId = Pick(random, Texts) ?? string.Empty,
        BuyerId = random.NextInt64(),
        BuyerName = Pick(random, Texts),
        CoverType = Pick(random, Texts) ?? "credit-limit",
        Status = Pick(random, Texts) ?? "DECISION",
        DecisionCode = Pick(random, Texts),
        DecisionDescription = Pick(random, Texts),
        HistoricCode = Pick(random, Texts),
        PendingProcess = Pick(random, Texts),
        PendingProcessStatus = Pick(random, Texts),
        Currency = Pick(random, Texts),
        ApplicationAmount = Pick(random, Amounts),
        DecidedAmount = Pick(random, Amounts),
        FirstAmount = Pick(random, Amounts),
        SecondAmount = Pick(random, Amounts),
        DecisionExpiryDate = Pick(random, Texts),
        FirstAmountExpiryDate = Pick(random, Texts),
        SecondAmountExpiryDate = Pick(random, Texts),
        Conditions = Pick(random, ConditionLists),
        ApplicationDate = Pick(random, Dates),
        DecisionDate = Pick(random, Dates),
        EffectFromDate = Pick(random, Texts),
        EffectiveToDate = Pick(random, Texts),
        WithdrawalDate = Pick(random, Texts),
        CustomerReference = Pick(random, Texts),
        Notes = Pick(random, Texts),
        BuyerRating = Pick(random, Ratings),
    };

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
