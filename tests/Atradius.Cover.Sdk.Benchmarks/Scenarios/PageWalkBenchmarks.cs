using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;
using BenchmarkDotNet.Attributes;

namespace Atradius.Cover.Sdk.Benchmarks.Scenarios;

/// <summary>
/// Walks 10,000 covers in pages of 1,000 (canned pages of realistic covers with cursors). Figures are per
/// cover: BDN divides by <see cref="Items"/>. Peak memory is measured by the <c>memory</c> mode, not here.
/// </summary>
[MemoryDiagnoser]
public class PageWalkBenchmarks
{
    public const int Items = 10_000;
    public const int PageSize = 1000;
    private ContenderSet _set = null!;

    [GlobalSetup]
    public async Task SetupAsync() =>
        _set = await ContenderSet.CreateAsync(CoverEndpoint.Canned, static () => CannedHandlers.Shared, disposeHandlers: false);

    [GlobalCleanup]
    public void Cleanup() => _set.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public async Task<long> Baseline()
    {
        long count = 0;
        await foreach (var cover in _set.Baseline.ListAsync(PageSize))
        {
            count += cover.Version;
        }

        return Check(count);
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public async Task<long> Refit()
    {
        long count = 0;
        string? cursor = null;
        do
        {
            var page = await _set.Refit.ListAsync(PageSize, cursor, Guid.NewGuid().ToString());
            foreach (var cover in page.Data)
            {
                count += cover.Version;
            }

            cursor = page.Meta.NextCursor;
        }
        while (cursor is not null);

        return Check(count);
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public async Task<long> NSwag()
    {
        long count = 0;
        string? cursor = null;
        do
        {
            var page = (await _set.NSwag.ListCoversAsync(Guid.NewGuid().ToString(), null, null, null, null, null, PageSize, cursor)).Result;
            foreach (var cover in page.Data)
            {
                count += cover.Version;
            }

            cursor = page.Meta.NextCursor;
        }
        while (cursor is not null);

        return Check(count);
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public async Task<long> Ours()
    {
        long count = 0;
        await foreach (var cover in _set.Ours.Decisions.ListAsync(new DecisionQuery { PageSize = PageSize }))
        {
            count += cover.Version;
        }

        return Check(count);
    }

    /// <summary>Versions are 1, 2, 3 in turn: a walk that lost or repeated a page would not add up.</summary>
    internal static long Check(long versionSum) =>
        versionSum == Items / PageSize * ExpectedPageVersionSum ? versionSum : throw new InvalidOperationException("The walk read " + versionSum + ".");

    private static long ExpectedPageVersionSum { get; } = Enumerable.Range(0, PageSize).Sum(i => 1 + (i % 3));
}
