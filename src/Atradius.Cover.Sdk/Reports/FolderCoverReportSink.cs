using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Writes report files into a folder, each replaced atomically (a temporary file in the same folder, then renamed), so a
/// reader never sees half a file. File names are prefixed with the report's UTC time, so reports never overwrite each other.
/// </summary>
public sealed class FolderCoverReportSink : ICoverReportSink
{
    /// <summary>Creates a sink writing into <paramref name="folder"/> (created when missing).</summary>
    /// <param name="folder">The folder.</param>
    public FolderCoverReportSink(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new ArgumentException("A folder is required.", nameof(folder));
        }

        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The folder written to.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public async Task DeliverAsync(CoverPortfolioReport report, IReadOnlyList<CoverReportDocument> documents, CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        _ = documents ?? throw new ArgumentNullException(nameof(documents));
        var stamp = report.GeneratedAt.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var document in documents)
        {
            var path = Path.Combine(Folder, stamp + "." + Path.GetFileName(document.FileName));
            await AtomicFile.WriteAsync(
                path,
                (stream, ct) => stream.WriteAsync(document.Content, 0, document.Content.Length, ct),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
