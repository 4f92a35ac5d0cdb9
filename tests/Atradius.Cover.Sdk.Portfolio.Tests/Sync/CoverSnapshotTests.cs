using Atradius.Cover.Sdk.Portfolio.Tests.Support;
using Xunit;

namespace Atradius.Cover.Sdk.Portfolio.Tests.Sync;

/// <summary>
/// A snapshot is what every version, fingerprint and change is built from: the same cover content must give the same
/// snapshot whichever order the service lists a decision's conditions in, or a cover would be reported as changed.
/// </summary>
public sealed class CoverSnapshotTests
{
    [Fact]
    public void The_conditions_of_all_three_decisions_are_kept_once_each_in_ordinal_order()
    {
        var cover = Cover(total: ["C3", "c1"], first: ["C1", "C3", ""], second: ["B2", "C1"]);

        Assert.Equal(["B2", "C1", "C3", "c1"], CoverSnapshot.From(cover).Conditions);
    }

    [Fact]
    public void A_cover_without_conditions_or_with_empty_codes_only_has_none()
    {
        Assert.Empty(CoverSnapshot.From(Cover(total: null, first: null, second: null)).Conditions);
        Assert.Empty(CoverSnapshot.From(Cover(total: [], first: [], second: [])).Conditions);
        Assert.Empty(CoverSnapshot.From(Cover(total: [""], first: null, second: ["", ""])).Conditions);
    }

    [Fact]
    public void The_order_the_service_lists_conditions_in_does_not_change_the_snapshot_or_its_fingerprint()
    {
        var listed = CoverSnapshot.From(Cover(total: ["T9", "A1"], first: ["A1"], second: ["M5", "T9"]));
        var reordered = CoverSnapshot.From(Cover(total: ["A1", "T9"], first: ["M5"], second: ["T9", "A1", "A1"]));

        Assert.Equal(listed.Conditions, reordered.Conditions);
        Assert.Equal(CoverFingerprints.Of(listed, out _), CoverFingerprints.Of(reordered, out _));
    }

    [Fact]
    public void Conditions_are_the_ordinal_set_of_the_non_empty_codes_for_any_mix()
    {
        // Stored fingerprints hash the conditions in this order: it is defined as a set of codes in ordinal order.
        var random = new Random(20261203);
        string[] pool = ["", "A", "a", "B", "AB", "Ab", "\u00c4", "Z9", "z", "10", "9", "C-1", "C_1", "\u00e9", "e\u0301"];
        for (var round = 0; round < 2000; round++)
        {
            // A decision may be absent (null), present without conditions, or carry a few, empty codes included.
            var lists = new string[]?[3];
            for (var l = 0; l < 3; l++)
            {
                lists[l] = random.Next(4) == 0 ? null : Enumerable.Range(0, random.Next(0, 5)).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            }

            var expected = new SortedSet<string>(lists.SelectMany(codes => codes ?? []).Where(code => code.Length > 0), StringComparer.Ordinal);

            var snapshot = CoverSnapshot.From(Cover(lists[0], lists[1], lists[2]));

            Assert.Equal(expected.ToArray(), snapshot.Conditions);
        }
    }

    [Fact]
    public void Amounts_are_normalised_and_the_currency_falls_back_to_the_decided_amount_in_upper_case()
    {
        // A cover the service sent without its policy currency: the factory would fill it in.
        var cover = new CoverDecision
        {
            CoverId = 1,
            BuyerId = 2,
            CoverType = CoverType.CreditLimit,
            Status = new CoverStatus("decision"),
            ApplicationAmount = new Money(50000.00m, "usd"),
            TotalDecision = CoverModelFactory.DecisionAmount(new Money(40000.000m, "eur ")),
            FirstAmountDecision = CoverModelFactory.DecisionAmount(new Money(25000.50m, "eur")),
        };

        var snapshot = CoverSnapshot.From(cover);

        Assert.Equal("50000", snapshot.ApplicationAmount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("40000", snapshot.DecidedAmount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("25000.5", snapshot.FirstAmount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("EUR", snapshot.Currency);
        Assert.Equal("DECISION", snapshot.Status);
    }

    [Fact]
    public void Every_field_that_moves_the_fingerprint_is_named_in_the_field_changes()
    {
        var before = CoverSnapshot.From(Cover(total: ["C1"], first: null, second: null));
        var fields = typeof(CoverSnapshot).GetProperties()
            .Where(p => p.SetMethod is not null && p.Name is not nameof(CoverSnapshot.CoverId) and not nameof(CoverSnapshot.BuyerRating));

        Assert.All(fields, field =>
        {
            var after = before with { };
            field.SetValue(after, Other(field.GetValue(before), field.PropertyType));

            Assert.NotEqual(CoverFingerprints.Of(before, out _), CoverFingerprints.Of(after, out _));
            Assert.Contains(CoverSnapshotDiff.Compare(before, after), f => f.Field == field.Name);
        });
    }

    [Theory]
    [InlineData(nameof(CoverSnapshot.ApplicationDate))]
    [InlineData(nameof(CoverSnapshot.DecisionDate))]
    public void A_date_that_moves_by_less_than_a_second_is_named_in_the_field_changes(string name)
    {
        var field = typeof(CoverSnapshot).GetProperty(name)!;
        var before = CoverSnapshot.From(Cover(total: ["C1"], first: null, second: null));
        field.SetValue(before, Portfolios.T0);
        var later = before with { };
        field.SetValue(later, Portfolios.T0.AddMilliseconds(250));
        var aTickLater = before with { };
        field.SetValue(aTickLater, Portfolios.T0.AddTicks(1));

        Assert.NotEqual(CoverFingerprints.Of(before, out _), CoverFingerprints.Of(later, out _));
        var change = Assert.Single(CoverSnapshotDiff.Compare(before, later));
        Assert.Equal((name, "2026-01-05T09:00:00Z", "2026-01-05T09:00:00.25Z"), (change.Field, change.Before, change.After));
        Assert.NotEqual(CoverFingerprints.Of(before, out _), CoverFingerprints.Of(aTickLater, out _));
        Assert.Equal("2026-01-05T09:00:00.0000001Z", Assert.Single(CoverSnapshotDiff.Compare(before, aTickLater)).After);
    }

    [Fact]
    public void A_date_kept_at_another_offset_is_named_in_the_field_changes_as_its_fingerprint_differs()
    {
        var before = CoverSnapshot.From(Cover(total: ["C1"], first: null, second: null)) with { DecisionDate = Portfolios.T0 };
        var after = before with { DecisionDate = Portfolios.T0.ToOffset(TimeSpan.FromHours(1)) };

        Assert.NotEqual(CoverFingerprints.Of(before, out _), CoverFingerprints.Of(after, out _));
        var change = Assert.Single(CoverSnapshotDiff.Compare(before, after));
        Assert.Equal(("DecisionDate", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00+01:00"), (change.Field, change.Before, change.After));
    }

    private static object Other(object? value, Type type) => type switch
    {
        _ when type == typeof(string) => value + "-changed",
        _ when type == typeof(long) => (long)value! + 1,
        _ when type == typeof(bool) => !(bool)value!,
        _ when type == typeof(decimal?) => ((decimal?)value ?? 0m) + 1.5m,
        _ when type == typeof(DateTimeOffset?) => ((DateTimeOffset?)value ?? Portfolios.T0).AddDays(1),
        _ when type == typeof(IReadOnlyList<string>) => new[] { "Z9" },
        _ => throw new InvalidOperationException($"No other value for a {type}: name the new field's type here."),
    };

    private static CoverDecision Cover(string[]? total, string[]? first, string[]? second) => CoverModelFactory.CoverDecision(
        coverId: 70000001,
        customerId: 200417,
        policyId: "5012345",
        buyerId: 10000001,
        code: new DecisionCode("DC01"),
        policyCurrency: "EUR",
        totalDecision: Decision(total, 50000m),
        firstAmountDecision: Decision(first, 30000m),
        secondAmountDecision: Decision(second, 20000m));

    private static DecisionAmount? Decision(string[]? codes, decimal amount) =>
        codes is null ? null : CoverModelFactory.DecisionAmount(new Money(amount, "EUR"), conditions: codes.Select(code => CoverModelFactory.DecisionCondition(code)));
}
