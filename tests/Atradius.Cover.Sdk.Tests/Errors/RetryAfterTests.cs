namespace Atradius.Cover.Sdk.Tests.Errors;

public sealed class RetryAfterTests
{
    private static CoverRateLimitedException Limited(params (string Name, string Value)[] headers) =>
        new("Too many requests", 429, headers: headers.ToDictionary(h => h.Name, h => (IReadOnlyList<string>)[h.Value], StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void A_number_of_seconds_is_the_wait()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Limited(("Retry-After", " 30 ")).RetryAfter);
        Assert.Equal(TimeSpan.Zero, Limited(("retry-after", "0")).RetryAfter);
    }

    [Fact]
    public void A_date_is_taken_against_the_answers_own_date_not_this_machines_clock()
    {
        var limited = Limited(("Retry-After", "Tue, 08 Dec 2026 10:00:45 GMT"), ("Date", "Tue, 08 Dec 2026 10:00:00 GMT"));

        Assert.Equal(TimeSpan.FromSeconds(45), limited.RetryAfter);
    }

    [Fact]
    public void A_date_already_past_is_no_wait()
    {
        var limited = Limited(("Retry-After", "Tue, 08 Dec 2026 09:59:00 GMT"), ("Date", "Tue, 08 Dec 2026 10:00:00 GMT"));

        Assert.Equal(TimeSpan.Zero, limited.RetryAfter);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("")]
    public void A_value_that_is_neither_seconds_nor_a_date_names_no_wait(string value)
    {
        Assert.Null(Limited(("Retry-After", value)).RetryAfter);
    }

    [Fact]
    public void No_header_names_no_wait()
    {
        Assert.Null(Limited().RetryAfter);
        Assert.Null(new CoverRateLimitedException().RetryAfter);
    }
}
