namespace Atradius.Cover.Sdk.Benchmarks;

/// <summary>Peak memory of long page walks (filled in below).</summary>
public static class MemoryFlatness
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        return Task.FromResult(0);
    }
}
