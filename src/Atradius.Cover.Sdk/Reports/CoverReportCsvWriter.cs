namespace Atradius.Cover.Sdk;

/// <summary>
/// Writes a report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote or a
/// line break, quotes doubled; numbers and dates in the invariant culture), one file per section or one long file.
/// Text from the service or the caller (names, references, codes) is neutralised as <see cref="Escape"/> describes; the
/// report's own numbers (counts, amounts, ages) are written as numbers, a negative one too.
/// </summary>
public static class CoverReportCsvWriter
{
    private static readonly string[] LongHeader = { "section", "row", "column", "value" };

    // In the long format the row number is the writer's own, and the value is a number where its column is one.
    private static readonly bool[] LongNumberValue = { false, true, false, true };

    /// <summary>The ids of the sections a report holds, to name one CSV file per section.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Section ids such as <c>by-currency</c> or <c>pending-applications</c>.</returns>
    public static IReadOnlyList<string> SectionIds(CoverPortfolioReport report)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        return CoverReportTable.For(report).Select(t => t.Id).ToArray();
    }

    /// <summary>Writes one section as a CSV table with a header line.</summary>
    /// <param name="report">The report.</param>
    /// <param name="sectionId">A section id from <see cref="SectionIds"/>.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteSectionAsync(CoverPortfolioReport report, string sectionId, TextWriter writer, CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        _ = writer ?? throw new ArgumentNullException(nameof(writer));
        var table = CoverReportTable.For(report).FirstOrDefault(t => t.Id == sectionId)
            ?? throw new ArgumentException("The report has no section '" + sectionId + "'.", nameof(sectionId));

        await WriteLineAsync(writer, table.Columns, null, cancellationToken).ConfigureAwait(false);
        foreach (var row in table.Rows)
        {
            await WriteLineAsync(writer, row, table.Numbers, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes every section into one long table (<c>section,row,column,value</c>), convenient to load into a
    /// spreadsheet pivot or a database.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteLongFormatAsync(CoverPortfolioReport report, TextWriter writer, CancellationToken cancellationToken = default)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        _ = writer ?? throw new ArgumentNullException(nameof(writer));
        await WriteLineAsync(writer, LongHeader, null, cancellationToken).ConfigureAwait(false);
        foreach (var table in CoverReportTable.For(report))
        {
            var index = 0;
            foreach (var row in table.Rows)
            {
                var rowNumber = index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    await WriteLineAsync(writer, new[] { table.Id, rowNumber, table.Columns[c], row[c] }, table.Numbers[c] ? LongNumberValue : null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Quotes a field as RFC 4180 requires (only when it holds a comma, a quote, a line break or edge spaces), and
    /// neutralises a field that begins with =, +, -, @ (also after blanks or line breaks), a tab or a carriage return
    /// by prefixing a single quote, so a spreadsheet never runs it as a formula.
    /// </summary>
    /// <param name="value">The field; null writes an empty field.</param>
    /// <returns>The field as it goes into the file.</returns>
    public static string Escape(string? value) => Field(value, isNumber: false);

    private static string Field(string? value, bool isNumber)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // A cell that starts like a formula would run as one in a spreadsheet (CSV injection), also after blanks or
        // line breaks a spreadsheet skips: a leading quote makes it text. Not a number the report formatted itself:
        // it can run nothing, and made text, a negative amount would drop out of the spreadsheet's sums.
        if (!isNumber && StartsLikeFormula(value!))
        {
            value = "'" + value;
        }

        var quote = char.IsWhiteSpace(value![0]) || char.IsWhiteSpace(value[value.Length - 1]);
        foreach (var c in value)
        {
            quote |= c is ',' or '"' or '\r' or '\n';
        }

        return quote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static bool StartsLikeFormula(string value)
    {
        if (value[0] is '\t' or '\r')
        {
            return true;
        }

        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '=' or '+' or '-' or '@';
            }
        }

        return false;
    }

    private static async Task WriteLineAsync(TextWriter writer, IReadOnlyList<string?> fields, IReadOnlyList<bool>? numbers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',').ConfigureAwait(false);
            }

            await writer.WriteAsync(Field(fields[i], numbers?[i] ?? false)).ConfigureAwait(false);
        }

        // RFC 4180 ends records with CRLF whatever the platform.
        await writer.WriteAsync("\r\n").ConfigureAwait(false);
    }
}
