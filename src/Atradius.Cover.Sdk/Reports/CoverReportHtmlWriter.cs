using System.Globalization;
using System.Net;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>Writes a self-contained HTML page of a report; every value is HTML-encoded.</summary>
public static class CoverReportHtmlWriter
{
    /// <summary>Writes the report as an HTML page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(CoverPortfolioReport report, TextWriter writer, CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        _ = writer ?? throw new ArgumentNullException(nameof(writer));

        // Written a line at a time: a report may list 100,000 covers per section, and held whole as one string the
        // page would take several hundred megabytes before the first byte reached the file.
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Cover report: ").Append(E(report.Name)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}</style>\n")
            .Append("</head>\n<body>\n<h1>Cover report: ").Append(E(report.Name)).Append("</h1>\n<p>Generated ")
            .Append(E(CoverReportTable.Instant(report.GeneratedAt))).Append("; ")
            .Append(E(report.CoverCount.ToString(CultureInfo.InvariantCulture))).Append(" covers");

        // The figures are only what the filters let through: a page without them reads as the whole portfolio.
        AppendFilter(html, "policy", report.PolicyId);
        AppendFilter(html, "customer", report.CustomerId?.ToString(CultureInfo.InvariantCulture));
        AppendFilter(html, "currency", report.CurrencyCode);
        AppendFilter(html, "cover type", report.CoverType);
        html.Append(".</p>\n");
        await FlushAsync(html, writer).ConfigureAwait(false);

        foreach (var table in CoverReportTable.For(report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            html.Append("<h2>").Append(E(table.Title)).Append("</h2>\n");
            if (table.Note is not null)
            {
                html.Append("<p>").Append(E(table.Note)).Append("</p>\n");
            }

            html.Append("<table>\n<thead><tr>");
            foreach (var column in table.Columns)
            {
                html.Append("<th>").Append(E(column)).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            await FlushAsync(html, writer).ConfigureAwait(false);
            foreach (var row in table.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                html.Append("<tr>");
                foreach (var cell in row)
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }

                html.Append("</tr>\n");
                await FlushAsync(html, writer).ConfigureAwait(false);
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</body>\n</html>\n");
        await FlushAsync(html, writer).ConfigureAwait(false);
    }

    private static async Task FlushAsync(StringBuilder text, TextWriter writer)
    {
        await writer.WriteAsync(text.ToString()).ConfigureAwait(false);
        text.Clear();
    }

    private static void AppendFilter(StringBuilder html, string name, string? value)
    {
        if (value is not null)
        {
            html.Append(", ").Append(name).Append(' ').Append(E(value));
        }
    }

    private static string E(string? value) => value is null ? string.Empty : WebUtility.HtmlEncode(value);
}
