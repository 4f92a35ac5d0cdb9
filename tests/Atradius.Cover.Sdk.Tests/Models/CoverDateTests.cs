namespace Atradius.Cover.Sdk.Tests.Models;

public sealed class CoverDateTests
{
    [Fact]
    public void A_date_parses_compares_and_prints_as_yyyy_MM_dd()
    {
        var date = CoverDate.Parse("2026-12-01");

        Assert.Equal((2026, 12, 1), (date.Year, date.Month, date.Day));
        Assert.Equal("2026-12-01", date.ToString());
        Assert.True(date < new CoverDate(2027, 1, 1));
        Assert.Equal(date, CoverDate.FromDateTime(new DateTime(2026, 12, 1, 23, 59, 0, DateTimeKind.Local)));
        Assert.Equal(new DateTime(2026, 12, 1), date.ToDateTime());
    }

    [Theory]
    [InlineData("01/12/2026")]
    [InlineData("2026-13-01")]
    [InlineData("")]
    public void Text_that_is_not_a_date_is_refused(string text)
    {
        Assert.False(CoverDate.TryParse(text, out _));
        Assert.Throws<FormatException>(() => CoverDate.Parse(text));
    }
}
