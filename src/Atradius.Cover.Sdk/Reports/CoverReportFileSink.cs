namespace Atradius.Cover.Sdk;

/// <summary>
/// Where <see cref="CoverReportDocument.WriteAsync"/> puts each file of a report: called once per file, it opens where
/// the file goes, has <paramref name="writeContent"/> write into it, and closes it (moving it into place, say).
/// </summary>
/// <param name="fileName">The file's name, without a folder (for example <c>portfolio-2026-12-01.summary.csv</c>).</param>
/// <param name="contentType">The file's media type (<c>text/csv</c>, <c>application/json</c>, <c>text/markdown</c>, <c>text/html</c>).</param>
/// <param name="writeContent">Writes the file's UTF-8 content into the stream it is given; it does not close the stream.</param>
/// <param name="cancellationToken">Cancels the writing; pass it on to <paramref name="writeContent"/>.</param>
/// <returns>A task that completes when the file is where it goes.</returns>
public delegate Task CoverReportFileSink(string fileName, string contentType, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken);
