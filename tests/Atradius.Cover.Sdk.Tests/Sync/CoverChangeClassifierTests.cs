using Atradius.Cover.Sdk;
using static Atradius.Cover.Sdk.Tests.Sync.FakeCoverSyncSource;

namespace Atradius.Cover.Sdk.Tests.Sync;

public sealed class CoverChangeClassifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly CoverSnapshot Approved = Snap(1, 1, T0, amount: 50_000m);

    public static TheoryData<string, CoverChangeKind> Cases => new()
    {
        { "DC21 pre-notification", CoverChangeKind.ReductionNotice },
        { "DC09 reduction", CoverChangeKind.ReductionNotice },
        { "DC22 partial expiry", CoverChangeKind.ReductionNotice },
        { "DC08 withdrawal", CoverChangeKind.Withdrawal },
        { "WCLD withdrawn", CoverChangeKind.Withdrawal },
        { "CCLD cancelled", CoverChangeKind.Cancellation },
        { "CIND cancelled indication", CoverChangeKind.Cancellation },
        { "pending C", CoverChangeKind.PendingCancellation },
        { "amount up", CoverChangeKind.AmountChanged },
        { "referred increase", CoverChangeKind.Referred },
        { "reference", CoverChangeKind.ReferenceUpdated },
        { "revised terms", CoverChangeKind.Other },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_a_change_on_a_known_cover(string name, CoverChangeKind expected)
    {
        var current = name switch
        {
            "DC21 pre-notification" => Snap(1, 2, T0, amount: 50_000m, decisionCode: "DC21"),
            "DC09 reduction" => Snap(1, 2, T0, amount: 20_000m, decisionCode: "DC09"),
            "DC22 partial expiry" => Snap(1, 2, T0, amount: 30_000m, decisionCode: "DC22"),
            "DC08 withdrawal" => Snap(1, 2, T0, amount: 0m, decisionCode: "DC08"),
            "WCLD withdrawn" => Snap(1, 2, T0, amount: 0m, decisionCode: "DC21", historicCode: "WCLD"),
            "CCLD cancelled" => Snap(1, 2, T0, amount: 0m, historicCode: "CCLD"),
            "CIND cancelled indication" => Snap(1, 2, T0, historicCode: "CIND"),
            "pending C" => Snap(1, 2, T0, amount: 50_000m, pending: "C"),
            "amount up" => Snap(1, 2, T0, amount: 80_000m),
            "referred increase" => Snap(1, 2, T0, amount: 50_000m, status: "REFERRED"),
            "reference" => Snap(1, 2, T0, amount: 50_000m, reference: "ERP-2"),
            "revised terms" => Snap(1, 2, T0, amount: 50_000m, decisionCode: "DC10"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        Assert.Equal(expected, CoverChangeClassifier.Classify(Approved, current));
    }

    [Fact]
    public void A_pending_cancellation_and_the_cancellation_that_follows_are_told_apart()
    {
        var pending = Snap(1, 2, T0, pending: "C");
        var cancelled = Snap(1, 3, T0, amount: 0m, historicCode: "CCLD");

        Assert.Equal(CoverChangeKind.PendingCancellation, CoverChangeClassifier.Classify(Approved, pending));
        Assert.Equal(CoverChangeKind.Cancellation, CoverChangeClassifier.Classify(pending, cancelled));
    }

    [Fact]
    public void A_referred_application_that_gets_decided_is_reported_as_such()
    {
        var referred = Snap(1, 1, T0, amount: null, status: "REFERRED", decisionCode: null);
        var decided = Snap(1, 2, T0, amount: 40_000m, decisionCode: "DC04");

        Assert.Equal(CoverChangeKind.Referred, CoverChangeClassifier.Classify(null, referred));
        Assert.Equal(CoverChangeKind.ReferredToDecided, CoverChangeClassifier.Classify(referred, decided));
        Assert.Equal(CoverChangeKind.NewDecision, CoverChangeClassifier.Classify(null, decided));
    }

    [Fact]
    public void A_known_notice_that_changes_nothing_else_is_not_reported_twice_as_a_notice()
    {
        var notice = Snap(1, 2, T0, decisionCode: "DC21");
        var renamed = Snap(1, 3, T0, decisionCode: "DC21", reference: "ERP-9");

        Assert.Equal(CoverChangeKind.ReferenceUpdated, CoverChangeClassifier.Classify(notice, renamed));
    }
}
