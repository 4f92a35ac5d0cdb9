using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>One rendered file of a report, ready for a sink.</summary>
public sealed class CoverReportDocument
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Creates a document.</summary>
    /// <param name="fileName">File name, without folder (for example <c>portfolio.by-currency.csv</c>).</param>
    /// <param name="contentType">Media type (for example <c>text/csv</c>).</param>
    /// <param name="content">The content, UTF-8 encoded.</param>
    public CoverReportDocument(string fileName, string contentType, byte[] content)
    {
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        ContentType = contentType ?? throw new ArgumentNullException(nameof(contentType));
        Content = content ?? throw new ArgumentNullException(nameof(content));
    }

    /// <summary>File name, without folder.</summary>
    public string FileName { get; }

    /// <summary>Media type.</summary>
    public string ContentType { get; }

    /// <summary>The content, UTF-8 encoded.</summary>
#pragma warning disable CA1819 // The bytes are handed to a sink as they are; a copy per access would only cost.
    public byte[] Content { get; }
#pragma warning restore CA1819

    /// <summary>Renders a report into the asked formats.</summary>
    /// <param name="report">The report.</param>
    /// <param name="formats">The formats.</param>
    /// <param name="cancellationToken">Cancels the rendering.</param>
    /// <returns>One document per file.</returns>
    public static async Task<IReadOnlyList<CoverReportDocument>> RenderAsync(CoverPortfolioReport report, CoverReportFormats formats, CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        var documents = new List<CoverReportDocument>();
        var name = SafeName(report.Name);
        if ((formats & CoverReportFormats.Csv) != 0)
        {
            foreach (var section in CoverReportCsvWriter.SectionIds(report))
            {
                documents.Add(await TextAsync(name + "." + section + ".csv", "text/csv", w => CoverReportCsvWriter.WriteSectionAsync(report, section, w, cancellationToken)).ConfigureAwait(false));
            }
        }

        if ((formats & CoverReportFormats.CsvLong) != 0)
        {
            documents.Add(await TextAsync(name + ".csv", "text/csv", w => CoverReportCsvWriter.WriteLongFormatAsync(report, w, cancellationToken)).ConfigureAwait(false));
        }

        if ((formats & CoverReportFormats.Json) != 0)
        {
            using var stream = new MemoryStream();
            await CoverReportJsonWriter.WriteAsync(report, stream, cancellationToken).ConfigureAwait(false);
            documents.Add(new CoverReportDocument(name + ".json", "application/json", stream.ToArray()));
        }

        if ((formats & CoverReportFormats.Markdown) != 0)
        {
            documents.Add(await TextAsync(name + ".md", "text/markdown", w => CoverReportMarkdownWriter.WriteAsync(report, w, cancellationToken)).ConfigureAwait(false));
        }

        if ((formats & CoverReportFormats.Html) != 0)
        {
            documents.Add(await TextAsync(name + ".html", "text/html", w => CoverReportHtmlWriter.WriteAsync(report, w, cancellationToken)).ConfigureAwait(false));
        }

        return documents;
    }

    private static async Task<CoverReportDocument> TextAsync(string fileName, string contentType, Func<TextWriter, Task> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, Utf8, 4096, leaveOpen: true))
        {
            await write(writer).ConfigureAwait(false);
        }

        return new CoverReportDocument(fileName, contentType, stream.ToArray());
    }

    // A report name is the caller's text; it must not steer a file outside the sink's folder.
    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(Array.IndexOf(invalid, c) >= 0 || c == '.' ? '_' : c);
        }

        return safe.Length == 0 ? "report" : safe.ToString();
    }
}
