namespace Atradius.Cover.Sdk.Benchmarks.Wire;

/// <summary>One canned API per process (10,000 covers in pages of 1,000); it holds no per-call state.</summary>
public static class CannedHandlers
{
    public static CannedCoverApiHandler Shared { get; } = new(totalItems: 10_000, pageSize: 1000);
}
