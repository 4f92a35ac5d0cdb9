using System.Globalization;
using Atradius.Cover.Sdk.Portfolio;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>Redraws one console line as items complete: a bar, the counts so far and the rate.</summary>
public sealed class ProgressBar(TextWriter output) : IProgress<CoverBatchProgress>
{
    private const int Width = 30;
    private readonly Lock _gate = new();

    public void Report(CoverBatchProgress value)
    {
        var filled = value.Total == 0 ? Width : (value.Completed + value.Unresolved) * Width / value.Total;
        lock (_gate)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {value.Completed}/{value.Total}  failed {value.Failed}, unresolved {value.Unresolved}, {value.ItemsPerSecond:0.0}/s   "));
        }
    }
}
