using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>Redraws one console line as items complete: a bar and the counts so far.</summary>
public sealed class ProgressBar(TextWriter output) : IProgress<CoverBatchProgress>
{
    private const int Width = 30;
    private readonly Lock _gate = new();

    public void Report(CoverBatchProgress value)
    {
        var total = value.Total ?? value.Completed;
        var filled = total == 0 ? Width : value.Completed * Width / total;
        lock (_gate)
        {
            output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {value.Completed}/{total}  decided {value.Decided}, referred {value.Referred}, rejected {value.Rejected}, invalid {value.Invalid}, failed {value.Failed}   ");
        }
    }
}
