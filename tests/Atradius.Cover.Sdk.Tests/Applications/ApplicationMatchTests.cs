namespace Atradius.Cover.Sdk.Tests.Applications;

public sealed class ApplicationMatchTests
{
    private static readonly DateTimeOffset Sent = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static readonly CoverApplication Application = new()
    {
        BuyerId = 1001,
        CreditLimitAmount = 50_000m,
        CurrencyCode = "EUR",
        CustomerReference = "ERP-7",
    };

    private static CoverDecision Cover(
        long buyerId = 1001,
        decimal applied = 50_000m,
        string currency = "EUR",
        decimal? inUserCurrency = null,
        string? reference = "ERP-7",
        DateTimeOffset? appliedOn = null,
        HistoricCode? historic = null,
        CoverDate? effectFrom = null,
        long customer = 0,
        string policy = "") => new()
    {
        BuyerId = buyerId,
        CoverType = CoverType.CreditLimit,
        PolicyCurrency = currency,
        ApplicationAmount = new Money(applied, currency),
        ApplicationAmountInUserCurrency = inUserCurrency,
        CustomerReference = reference,
        ApplicationDate = appliedOn ?? Sent.AddMinutes(1),
        HistoricCode = historic,
        EffectFromDate = effectFrom,
        CustomerId = customer,
        PolicyId = policy,
    };

    [Fact]
    public void The_cover_the_application_made_matches_it()
    {
        Assert.True(Application.Matches(Cover(reference: " ERP-7 "), Sent));
    }

    [Fact]
    public void A_cover_applied_for_before_the_earliest_moment_does_not_match_however_alike()
    {
        Assert.False(Application.Matches(Cover(appliedOn: Sent.AddHours(-23)), Sent));
        Assert.False(Application.Matches(Cover(appliedOn: Sent.AddMinutes(-1)), Sent));
        Assert.True(Application.Matches(Cover(appliedOn: Sent), Sent));
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(-1, 0, true)] // at 9:00 UTC, twelve hours west of UTC it is still the day before
    [InlineData(-2, 0, false)]
    [InlineData(-1, 13, false)] // at 22:00 UTC the day before has ended everywhere west of UTC
    [InlineData(1, 0, true)] // the application may be made later than the earliest moment
    public void A_bare_application_date_is_judged_by_its_day_in_any_time_zone(int daysFromSent, int hoursAfterSent, bool matches)
    {
        var earliest = Sent.AddHours(hoursAfterSent);
        var date = new DateTimeOffset(Sent.Year, Sent.Month, Sent.Day, 0, 0, 0, TimeSpan.Zero).AddDays(daysFromSent);

        Assert.Equal(matches, Application.Matches(Cover(appliedOn: date), earliest));
    }

    [Fact]
    public void A_cover_for_another_buyer_amount_or_reference_does_not_match()
    {
        Assert.False(Application.Matches(Cover(buyerId: 1002), Sent));
        Assert.False(Application.Matches(Cover(applied: 60_000m), Sent));
        Assert.False(Application.Matches(Cover(reference: "ERP-8"), Sent));
        Assert.False(Application.Matches(Cover(reference: null), Sent));
    }

    [Fact]
    public void An_application_without_a_reference_matches_only_a_cover_without_one()
    {
        var unreferenced = new CoverApplication { BuyerId = 1001, CreditLimitAmount = 50_000m, CurrencyCode = "EUR" };

        Assert.True(unreferenced.Matches(Cover(reference: null), Sent));
        Assert.True(unreferenced.Matches(Cover(reference: " "), Sent));
        Assert.False(unreferenced.Matches(Cover(reference: "ERP-7"), Sent));
    }

    [Fact]
    public void A_cover_starting_on_another_day_than_applied_for_does_not_match()
    {
        var fromMonday = new CoverApplication { BuyerId = 1001, CreditLimitAmount = 50_000m, CurrencyCode = "EUR", CustomerReference = "ERP-7", EffectFromDate = new CoverDate(2026, 12, 7) };

        Assert.True(fromMonday.Matches(Cover(effectFrom: new CoverDate(2026, 12, 7)), Sent));
        Assert.True(fromMonday.Matches(Cover(effectFrom: null), Sent));
        Assert.False(fromMonday.Matches(Cover(effectFrom: new CoverDate(2026, 12, 14)), Sent));
        Assert.True(Application.Matches(Cover(effectFrom: new CoverDate(2026, 12, 14)), Sent));
    }

    [Fact]
    public void A_cover_of_another_customer_or_policy_than_the_application_names_does_not_match()
    {
        var named = new CoverApplication { BuyerId = 1001, CreditLimitAmount = 50_000m, CurrencyCode = "EUR", CustomerReference = "ERP-7", CustomerId = 2002, PolicyId = "5012345" };

        Assert.True(named.Matches(Cover(customer: 2002, policy: "5012345"), Sent));
        Assert.True(named.Matches(Cover(customer: 0, policy: ""), Sent));
        Assert.False(named.Matches(Cover(customer: 3003, policy: "5012345"), Sent));
        Assert.False(named.Matches(Cover(customer: 2002, policy: "5099999"), Sent));
        Assert.True(Application.Matches(Cover(customer: 3003, policy: "5099999"), Sent));
    }

    [Fact]
    public void Any_time_as_the_bound_matches_a_cover_applied_for_on_a_bare_date()
    {
        // Before, a bound of DateTimeOffset.MinValue ("however long ago") threw for a cover whose application date has
        // no time of day, as the service may write it.
        var bareDate = Cover(appliedOn: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(Application.Matches(bareDate, DateTimeOffset.MinValue, includeHistoric: true));
        Assert.True(Application.Matches(bareDate, DateTimeOffset.MinValue.AddHours(3)));
    }

    [Fact]
    public void A_historic_cover_or_one_applied_for_before_the_bound_does_not_match()
    {
        Assert.False(Application.Matches(Cover(historic: HistoricCode.SupersededApplication), Sent));
        Assert.False(Application.Matches(Cover(appliedOn: Sent.AddDays(-20)), Sent));
    }

    [Fact]
    public void A_historic_cover_matches_only_when_historic_covers_are_asked_for_and_by_the_same_rules()
    {
        var ended = Cover(historic: HistoricCode.CancelledDecision);

        Assert.True(Application.Matches(ended, Sent, includeHistoric: true));
        Assert.False(Application.Matches(ended, Sent, includeHistoric: false));
        Assert.True(Application.Matches(Cover(), Sent, includeHistoric: true));
        Assert.False(Application.Matches(Cover(historic: HistoricCode.CancelledDecision, appliedOn: Sent.AddDays(-20)), Sent, includeHistoric: true));
        Assert.False(Application.Matches(Cover(historic: HistoricCode.CancelledDecision, reference: "ERP-8"), Sent, includeHistoric: true));
        Assert.Equal("cover", Assert.Throws<ArgumentNullException>(() => Application.Matches(null!, Sent, includeHistoric: true)).ParamName);
    }

    [Fact]
    public void A_cover_applied_for_in_the_policy_currency_is_not_taken_for_an_application_in_another_currency_with_the_same_number()
    {
        // 50,000 EUR applied for by a user who reads euros: both amounts of the cover are 50,000, and neither is dollars.
        var inDollars = new CoverApplication { BuyerId = 1001, CreditLimitAmount = 50_000m, CurrencyCode = "USD", CustomerReference = "ERP-7" };

        Assert.False(inDollars.Matches(Cover(applied: 50_000m, inUserCurrency: 50_000m), Sent));
        Assert.True(Application.Matches(Cover(applied: 50_000m, inUserCurrency: 50_000m), Sent));
    }

    [Fact]
    public void A_cover_applied_for_in_another_currency_is_not_taken_for_an_application_in_the_policy_currency_with_the_same_number()
    {
        // 50,000 USD applied for by a user who reads dollars: 46,000 in the policy currency, 50,000 in the user's.
        var inPolicyCurrency = new CoverApplication { BuyerId = 1001, CreditLimitAmount = 50_000m, CustomerReference = "ERP-7" };

        Assert.False(Application.Matches(Cover(applied: 46_000m, inUserCurrency: 50_000m), Sent));
        Assert.False(inPolicyCurrency.Matches(Cover(applied: 46_000m, inUserCurrency: 50_000m), Sent));
        Assert.True(inPolicyCurrency.Matches(Cover(applied: 50_000m, inUserCurrency: 372_900m), Sent));
    }

    [Fact]
    public void An_application_in_another_currency_than_the_policys_matches_no_cover_as_no_amount_of_the_cover_names_that_currency()
    {
        // The amount in the user's currency carries no currency code: 55,000 there may be dollars, or pounds applied for
        // by another application.
        var inDollars = new CoverApplication { BuyerId = 1001, CreditLimitAmount = 55_000m, CurrencyCode = "USD", CustomerReference = "ERP-7" };
        var inPounds = new CoverApplication { BuyerId = 1001, CreditLimitAmount = 55_000m, CurrencyCode = "GBP", CustomerReference = "ERP-7" };

        Assert.False(inDollars.Matches(Cover(applied: 50_000m, inUserCurrency: 55_000m), Sent));
        Assert.False(inPounds.Matches(Cover(applied: 50_000m, inUserCurrency: 55_000m), Sent));
        Assert.False(inDollars.Matches(Cover(applied: 55_000m, inUserCurrency: 60_500m), Sent));
    }

    [Fact]
    public void The_currency_applied_in_is_compared_with_the_policy_currency_whatever_its_case()
    {
        var lowerCase = new CoverApplication { BuyerId = 1001, CreditLimitAmount = 50_000m, CurrencyCode = "eur", CustomerReference = "ERP-7" };

        Assert.True(lowerCase.Matches(Cover(applied: 50_000m), Sent));
    }

    [Fact]
    public void A_missing_cover_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Application.Matches(null!, Sent));
        Assert.Equal("cover", error.ParamName);
    }
}
