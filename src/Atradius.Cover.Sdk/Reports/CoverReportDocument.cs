using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>One rendered file of a report, ready for a sink.</summary>
public sealed class CoverReportDocument
{
    private const int MaxBaseNameLength = 64;

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

    /// <summary>Renders a report into the asked formats, each file held in memory.</summary>
    /// <param name="report">The report.</param>
    /// <param name="formats">The formats.</param>
    /// <param name="cancellationToken">Cancels the rendering.</param>
    /// <returns>One document per file.</returns>
    /// <exception cref="ArgumentException"><paramref name="formats"/> names no format, or one that does not exist.</exception>
    /// <remarks>For files of any size, <see cref="WriteAsync"/> writes each one straight to where it goes.</remarks>
    public static async Task<IReadOnlyList<CoverReportDocument>> RenderAsync(CoverPortfolioReport report, CoverReportFormats formats, CancellationToken cancellationToken = default)
    {
        var documents = new List<CoverReportDocument>();
        await WriteAsync(
            report,
            formats,
            async (fileName, contentType, writeContent, ct) =>
            {
                using var stream = new MemoryStream();
                await writeContent(stream, ct).ConfigureAwait(false);
                documents.Add(new CoverReportDocument(fileName, contentType, stream.ToArray()));
            },
            cancellationToken).ConfigureAwait(false);
        return documents;
    }

    /// <summary>
    /// Writes a report in the asked formats, one file after another, each straight into a stream its sink provides:
    /// nothing of a file is held in memory, whatever the number of listed covers. The files and their names are those
    /// of <see cref="RenderAsync"/>, in the same order.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="formats">The formats.</param>
    /// <param name="sink">Called once per file with its name, its media type and the writer of its content.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>The names of the files written, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="formats"/> names no format, or one that does not exist; nothing was written.</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        CoverPortfolioReport report,
        CoverReportFormats formats,
        CoverReportFileSink sink,
        CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        _ = sink ?? throw new ArgumentNullException(nameof(sink));

        // No format, or one this version does not know, renders no file: the caller would get nothing to show for it.
        if (formats == CoverReportFormats.None || (formats & ~CoverReportFormats.All) != 0)
        {
            throw new ArgumentException("formats must combine one or more of Csv, CsvLong, Json, Markdown and Html; it is '" + formats + "'.", nameof(formats));
        }

        var written = new List<string>();
        var name = BaseFileName(report.Name);
        async Task FileAsync(string fileName, string contentType, Func<Stream, CancellationToken, Task> writeContent)
        {
            await sink(fileName, contentType, writeContent, cancellationToken).ConfigureAwait(false);
            written.Add(fileName);
        }

        if ((formats & CoverReportFormats.Csv) != 0)
        {
            foreach (var section in CoverReportCsvWriter.SectionIds(report))
            {
                await FileAsync(name + "." + section + ".csv", "text/csv", Text((w, ct) => CoverReportCsvWriter.WriteSectionAsync(report, section, w, ct))).ConfigureAwait(false);
            }
        }

        if ((formats & CoverReportFormats.CsvLong) != 0)
        {
            await FileAsync(name + ".csv", "text/csv", Text((w, ct) => CoverReportCsvWriter.WriteLongFormatAsync(report, w, ct))).ConfigureAwait(false);
        }

        if ((formats & CoverReportFormats.Json) != 0)
        {
            await FileAsync(name + ".json", "application/json", (stream, ct) => CoverReportJsonWriter.WriteAsync(report, stream, ct)).ConfigureAwait(false);
        }

        if ((formats & CoverReportFormats.Markdown) != 0)
        {
            await FileAsync(name + ".md", "text/markdown", Text((w, ct) => CoverReportMarkdownWriter.WriteAsync(report, w, ct))).ConfigureAwait(false);
        }

        if ((formats & CoverReportFormats.Html) != 0)
        {
            await FileAsync(name + ".html", "text/html", Text((w, ct) => CoverReportHtmlWriter.WriteAsync(report, w, ct))).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>A text writer's content as UTF-8 without a byte order mark, written into the sink's stream and flushed, the stream left open.</summary>
    private static Func<Stream, CancellationToken, Task> Text(Func<TextWriter, CancellationToken, Task> write) =>
        async (stream, cancellationToken) =>
        {
#if NET8_0_OR_GREATER
            // Disposed asynchronously: a synchronous dispose flushes the stream synchronously, which a web response refuses.
            var writer = new StreamWriter(stream, Utf8, 4096, leaveOpen: true);
            await using (writer.ConfigureAwait(false))
            {
                await write(writer, cancellationToken).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
#else
            // Flushed and not disposed: this StreamWriter has no asynchronous dispose, and its Dispose flushes the stream
            // synchronously, which a web response refuses. Once flushed it holds nothing but its buffers, and the stream
            // stays open (leaveOpen) whatever happens to the writer.
            var writer = new StreamWriter(stream, Utf8, 4096, leaveOpen: true);
            await write(writer, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
#endif
        };

    /// <summary>
    /// The part of every file name of a report that comes from the report's name: the name itself when it is made of
    /// letters, digits, <c>-</c>, <c>_</c> and inner spaces only (at most 64 characters, not a device name such as
    /// <c>CON</c>); otherwise the name with every other character replaced by <c>_</c>, cut to 64 characters, followed by
    /// <c>-</c> and 8 hexadecimal digits of the name's SHA-256 hash, so that two different names never share files.
    /// </summary>
    /// <param name="reportName">The report's name (<see cref="CoverReportDefinition.Name"/>).</param>
    /// <returns>A name that is valid on Windows, macOS and Linux and contains no dot.</returns>
    /// <example><c>weekly</c> stays <c>weekly</c>; <c>weekly.eur</c> becomes <c>weekly_eur-</c> and 8 hexadecimal digits.</example>
    public static string BaseFileName(string reportName)
    {
        _ = reportName ?? throw new ArgumentNullException(nameof(reportName));

        // A report name is the caller's text: it must not steer a file outside the sink's folder, nor be a name that
        // only some systems accept (reports are copied between them). Dots are replaced as they separate a report's
        // name from its section.
        var safe = new StringBuilder(Math.Min(reportName.Length, MaxBaseNameLength));
        for (var i = 0; i < reportName.Length && safe.Length < MaxBaseNameLength; i++)
        {
            var c = reportName[i];
            var inner = i > 0 && i < reportName.Length - 1;
            safe.Append(char.IsLetterOrDigit(c) || c is '-' or '_' || (c == ' ' && inner) ? c : '_');
        }

        var name = safe.Length == 0 ? "report" : safe.ToString();
        if (string.Equals(name, reportName, StringComparison.Ordinal) && !IsDeviceName(name))
        {
            return name;
        }

        return name + "-" + ShortHash(reportName);
    }

    // Windows opens these as devices whatever the extension.
    private static bool IsDeviceName(string name) =>
        name.Length is 3 or 4
        && (name.Equals("CON", StringComparison.OrdinalIgnoreCase)
            || name.Equals("PRN", StringComparison.OrdinalIgnoreCase)
            || name.Equals("AUX", StringComparison.OrdinalIgnoreCase)
            || name.Equals("NUL", StringComparison.OrdinalIgnoreCase)
            || (name.Length == 4 && (name.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || name.StartsWith("LPT", StringComparison.OrdinalIgnoreCase)) && name[3] is >= '0' and <= '9'));

    private static string ShortHash(string reportName)
    {
#if NET8_0_OR_GREATER
        var hash = SHA256.HashData(Utf8.GetBytes(reportName));
#else
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Utf8.GetBytes(reportName));
#endif
        return string.Concat(hash.Take(4).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
