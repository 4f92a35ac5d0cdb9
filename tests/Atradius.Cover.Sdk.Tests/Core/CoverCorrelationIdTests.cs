namespace Atradius.Cover.Sdk.Tests.Core;

/// <summary>Correlation ids stay version 4 GUIDs in the D format, and do not repeat.</summary>
public sealed class CoverCorrelationIdTests
{
    [Fact]
    public void A_correlation_id_is_a_distinct_version_4_guid()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            var id = CoverCorrelationId.New();
            Assert.True(Guid.TryParseExact(id, "D", out _), id);
            Assert.Equal('4', id[14]);
            Assert.Contains(id[19], "89ab");
            Assert.True(seen.Add(id), id);
        }
    }
}
