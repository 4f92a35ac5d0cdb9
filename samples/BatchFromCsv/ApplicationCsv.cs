using System.Globalization;
using System.Text.RegularExpressions;
using Atradius.Cover.Sdk;
using CsvHelper;
using CsvHelper.Configuration;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>
/// Reads applications from a CSV file with a header row: CustomerId, PolicyId, BuyerId, CoverType, Amount,
/// Currency, CustomerReference, separated by commas or, throughout the file, by semicolons. A value may be quoted as a
/// spreadsheet writes it ("ERP, 1001", a quote inside doubled); blanks around a value and rows of empty cells are
/// left out; amounts use a full stop for decimals and may group thousands with commas (50,000.00). In a semicolon file an
/// amount grouped with full stops only (50.000, as a spreadsheet with a decimal comma writes fifty thousand) is refused.
/// </summary>
public static partial class ApplicationCsv
{
    private static readonly string[] Header = ["CustomerId", "PolicyId", "BuyerId", "CoverType", "Amount", "Currency", "CustomerReference"];

    // A quote opened and never closed takes every line after it into one record, which ends at the end of the file: the
    // line it began on is the one to name, and the record itself is too long to quote.
    private static InvalidDataException BadQuote(string path, int lastLine, string rawRecord)
    {
        var record = rawRecord.TrimEnd();
        if (record.Contains('\n', StringComparison.Ordinal))
        {
            // The parser counts the line a final line break starts as well.
            return new InvalidDataException($"{path}, line {lastLine - rawRecord.Count(c => c == '\n')}: a quoted value is not closed.");
        }

        return new InvalidDataException($"{path}, line {lastLine}: a quote where none can be ({(record.Length > 80 ? record[..80] + "…" : record)}).");
    }

    public static async Task<IReadOnlyList<CoverApplication>> ReadAsync(string path, CancellationToken cancellationToken) =>
        (await ReadLinesAsync(path, cancellationToken)).Select(l => l.Application).ToList();

    /// <summary>The applications with the line of the file each is on (the header is line 1).</summary>
    public static async Task<IReadOnlyList<(int Line, CoverApplication Application)>> ReadLinesAsync(string path, CancellationToken cancellationToken)
    {
        var delimiter = await DelimiterAsync(path, cancellationToken);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            // Blanks around a value are no part of it, inside quotes too (" 50,000.00 ").
            TrimOptions = TrimOptions.Trim | TrimOptions.InsideQuotes,
            IgnoreBlankLines = true,
            // A quote inside a value that is not quoted, or text after a closing quote: the columns can no longer be told.
            BadDataFound = bad => throw BadQuote(path, bad.Context.Parser?.RawRow ?? 0, bad.RawRecord),
        };
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, configuration);
        if (!await parser.ReadAsync() || !(parser.Record ?? []).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}: the first line must be the header {string.Join(',', Header)} (values separated by commas, or by semicolons throughout).");
        }

        var applications = new List<(int, CoverApplication)>();
        while (await parser.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fields = parser.Record!;
            var line = parser.RawRow;
            // A spreadsheet saves the rows it once formatted as rows of empty cells: no application, like a blank line.
            if (fields.All(f => f.Length == 0))
            {
                continue;
            }

            // A value quoted but never closed runs to the end of the file: the rest of the file would be one value.
            if (parser.RawRecord.Count(c => c == '"') % 2 != 0)
            {
                throw new InvalidDataException($"{path}, line {line}: a quoted value is not closed.");
            }

            // A file saved in a legacy code page (a spreadsheet's plain "CSV" on Windows) decodes its accented letters as
            // U+FFFD: a reference "Müller" would be applied for with that character in place of the ü.
            if (fields.Any(f => f.Contains('\uFFFD', StringComparison.Ordinal)))
            {
                throw new InvalidDataException($"{path}, line {line}: the text is not UTF-8 (save the file as CSV UTF-8).");
            }

            if (fields.Length != Header.Length)
            {
                throw new InvalidDataException($"{path}, line {line}: {Header.Length} values expected, {fields.Length} found.");
            }

            // Values the SDK can judge (amount rules, currency, reference) go through as they are: the batch
            // reports an invalid item without sending it, which is what a user wants to see in the outcomes.
            applications.Add((line, new CoverApplication
            {
                CustomerId = Number(fields[0], path, line, "CustomerId"),
                // An empty cell is a value not given: the client's policy, no amount (a credit check), no reference.
                PolicyId = Optional(fields[1]),
                BuyerId = Number(fields[2], path, line, "BuyerId"),
                CoverType = CoverTypeOf(fields[3], path, line),
                CreditLimitAmount = fields[4].Length == 0 ? null : Amount(fields[4], delimiter, path, line),
                CurrencyCode = Optional(fields[5]),
                CustomerReference = Optional(fields[6]),
            }));
        }

        return applications;
    }

    // A spreadsheet set to a language whose decimal mark is a comma saves its CSV with semicolons between values: the
    // header tells which. Amounts are read by the same rules either way (a full stop for decimals), except that a
    // semicolon file's full stops between thousands are refused (Amount).
    private static async Task<string> DelimiterAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var header = await reader.ReadLineAsync(cancellationToken) ?? string.Empty;
        return header.Split(';').Select(h => h.Trim().Trim('"')).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase) ? ";" : ",";
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    // An empty cell is no cover type at all, and none is assumed for it: applying for one the file does not name
    // would be a business action taken on a guess.
    private static CoverType CoverTypeOf(string value, string path, int line) =>
        value.Length != 0
            ? new CoverType(value)
            : throw new InvalidDataException($"{path}, line {line}: CoverType is empty (credit-limit, credit-check or indication).");

    // A comma only between groups of three digits before the decimals: the parser takes a comma anywhere in the whole
    // part, so a decimal comma (50000,00) would be read as a grouping and 5000000 applied for. A semicolon file comes
    // from a spreadsheet whose decimal mark is a comma, and whose thousands separator is then a full stop: there 50.000
    // is fifty thousand, which read as 50 would be refused by the service only once the lines before it were sent.
    private static decimal Amount(string value, string delimiter, string path, int line)
    {
        if (delimiter == ";" && DotGrouped().IsMatch(value))
        {
            var meant = decimal.Parse(value.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}, line {line}: Amount '{value}' looks like it groups thousands with a full stop (write amounts without separators, e.g. {meant})."));
        }

        return (!value.Contains(',', StringComparison.Ordinal) || ThousandsGrouped().IsMatch(value))
            && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                ? amount
                : throw new InvalidDataException($"{path}, line {line}: Amount '{value}' is not an amount (digits, a full stop for decimals, commas only between thousands).");
    }

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsGrouped();

    // Full stops as the only separators, each followed by exactly three digits (50.000, 1.000.000).
    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(\.[0-9]{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex DotGrouped();

    // An id of 0 is refused here rather than by the batch, which names an application by its place among the
    // applications: with the header and blank lines, that is not the line to look at.
    private static long Number(string value, string path, int line, string column) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new InvalidDataException($"{path}, line {line}: {column} '{value}' is not an id (a number above 0).");
}
