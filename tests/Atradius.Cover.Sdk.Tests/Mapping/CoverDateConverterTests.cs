using System.Text.Json;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk.Tests.Mapping;

public class CoverDateConverterTests
{
    [Fact]
    public void Reads_null_as_no_date()
    {
        var fast = JsonSerializer.Deserialize<Gen.CoverApplication>("{\"effectFromDate\":null}", CoverResponseJson.ResponseOptions)!;
        Assert.Null(fast.EffectFromDate);
    }

    [Theory]
    [InlineData("2026-12-01")]
    [InlineData("2024-02-29")]
    [InlineData("0001-01-01")]
    [InlineData("2026-11-02T09:15:00Z")]
    [InlineData("2026-11-02T09:15:00+02:00")]
    [InlineData("2026-12-01 ")]
    public void Reads_the_same_value_as_the_generated_converter(string text)
    {
        var json = "{\"effectFromDate\":\"" + text + "\"}";

        var fast = JsonSerializer.Deserialize<Gen.CoverApplication>(json, CoverResponseJson.ResponseOptions)!;
        var stock = JsonSerializer.Deserialize<Gen.CoverApplication>(json)!;

        Assert.Equal(stock.EffectFromDate, fast.EffectFromDate);
        Assert.Equal(stock.EffectFromDate!.Value.Offset, fast.EffectFromDate!.Value.Offset);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("not a date")]
    public void Refuses_what_the_generated_converter_refuses(string text)
    {
        var json = "{\"effectFromDate\":\"" + text + "\"}";

        Assert.Throws<FormatException>(() => JsonSerializer.Deserialize<Gen.CoverApplication>(json));
        Assert.Throws<FormatException>(() => JsonSerializer.Deserialize<Gen.CoverApplication>(json, CoverResponseJson.ResponseOptions));
    }

    [Fact]
    public void Replaces_the_generated_converter_on_every_date_of_a_cover()
    {
        var info = CoverResponseJson.ResponseOptions.GetTypeInfo(typeof(Gen.Decision));
        var expiry = Assert.Single(info.Properties, p => p.Name == "decisionExpiryDate");
        Assert.Same(CoverDateConverter.Nullable, expiry.CustomConverter);

        var cover = CoverResponseJson.ResponseOptions.GetTypeInfo(typeof(Gen.Cover));
        foreach (var name in new[] { "effectFromDate", "effectiveToDate", "withdrawalDate" })
        {
            Assert.Same(CoverDateConverter.Nullable, Assert.Single(cover.Properties, p => p.Name == name).CustomConverter);
        }
    }

    [Fact]
    public void Writes_a_plain_date()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CoverDateConverter.Instance.Write(writer, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), JsonSerializerOptions.Default);
        }

        Assert.Equal("\"2026-12-01\"", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
