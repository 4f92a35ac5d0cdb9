using System.Globalization;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>Writes a readable Markdown summary of a report: one table per section.</summary>
public static class CoverReportMarkdownWriter
{
    /// <summary>Writes the report as Markdown.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(CoverPortfolioReport report, TextWriter writer, CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        _ = writer ?? throw new ArgumentNullException(nameof(writer));

        // Written a line at a time: a report may list 100,000 covers per section, and held whole as one string the
        // summary would take several hundred megabytes before the first byte reached the file.
        var text = new StringBuilder();
        text.Append("# Cover report: ").Append(Cell(report.Name)).Append("\n\n");
        text.Append("Generated ").Append(CoverReportTable.Instant(report.GeneratedAt)).Append("; ")
            .Append(report.CoverCount.ToString(CultureInfo.InvariantCulture)).Append(" covers");
        AppendFilter(text, "policy", report.PolicyId);
        AppendFilter(text, "customer", report.CustomerId?.ToString(CultureInfo.InvariantCulture));
        AppendFilter(text, "currency", report.CurrencyCode);
        AppendFilter(text, "cover type", report.CoverType);
        text.Append(".\n");
        await FlushAsync(text, writer).ConfigureAwait(false);

        foreach (var table in CoverReportTable.For(report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.Append("\n## ").Append(Cell(table.Title)).Append("\n\n");
            if (table.Note is not null)
            {
                text.Append(Cell(table.Note)).Append("\n\n");
            }

            text.Append("| ").Append(string.Join(" | ", table.Columns.Select(Cell))).Append(" |\n");
            text.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", table.Columns.Count))).Append('\n');
            await FlushAsync(text, writer).ConfigureAwait(false);
            foreach (var row in table.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                await FlushAsync(text, writer).ConfigureAwait(false);
            }
        }
    }

    private static async Task FlushAsync(StringBuilder text, TextWriter writer)
    {
        await writer.WriteAsync(text.ToString()).ConfigureAwait(false);
        text.Clear();
    }

    private static void AppendFilter(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(", ").Append(name).Append(' ').Append(Cell(value));
        }
    }

    // Values come from the service and from users' references: a pipe or a line break would break the table, most
    // renderers pass HTML through, so markup is encoded, and Markdown's own syntax is escaped: a buyer named
    // "[Pay here](https://…)" or "![x](https://…)" would otherwise render as a link or load an image. A backslash is
    // escaped too, or one written before a pipe would escape the pipe's escape and break the table.
    private static string Cell(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        // A line break would end the table row; a CRLF is one break, one blank.
        value = value.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ');
        if (MayBeLinked(value))
        {
            return CodeSpan(value);
        }

        var encoded = System.Net.WebUtility.HtmlEncode(value);
        var text = new StringBuilder(encoded.Length + 8);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            switch (c)
            {
                case '\\' or '|' or '[' or ']' or '(' or ')' or '!' or '*' or '_' or '`' or '~':
                    text.Append('\\').Append(c);
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    // Renderers with the autolink extension (GitHub's, GitLab's) link a bare address ("https://", "www."), an e-mail
    // address or a "mailto:" or "xmpp:" one in plain text, escaped or not: "Pay now at https://…" would render as a link
    // to it. Nothing in a code span is linked. A time ("09:00:00Z") is none of these, and stays plain.
    private static bool MayBeLinked(string value) =>
        Holds(value, "@") || Holds(value, "://") || Holds(value, "www.") || Holds(value, "mailto:") || Holds(value, "xmpp:");

    private static bool Holds(string value, string part) =>
#if NETCOREAPP
        value.Contains(part, StringComparison.OrdinalIgnoreCase);
#else
        value.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
#endif

    // A code span renders its text as it is, HTML and Markdown alike: only a pipe is escaped (a table splits its cells
    // before it reads their spans). Its fence is one backtick longer than the longest run in the text, and the blanks
    // inside it are taken off again by the renderer, so the text may begin or end with one.
    private static string CodeSpan(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        var longestRun = 0;
        var run = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
            if (c == '|')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        var fence = new string('`', longestRun + 1);
        return fence + " " + text + " " + fence;
    }
}
