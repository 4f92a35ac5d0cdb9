namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>What the store keeps about a report run.</summary>
internal sealed record ReportRunRecord
{
    public int CoverCount { get; init; }

    public IReadOnlyList<string> Files { get; init; } = Array.Empty<string>();
}
