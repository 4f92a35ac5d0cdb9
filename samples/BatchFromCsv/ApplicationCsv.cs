using System.Globalization;
using System.Text.RegularExpressions;
using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>
/// Reads applications from a CSV file with a header row: CustomerId, PolicyId, BuyerId, CoverType, Amount,
/// Currency, CustomerReference. A value may be quoted as a spreadsheet writes it ("ERP, 1001", a quote inside doubled);
/// amounts use a full stop for decimals and may group thousands with commas (50,000.00).
/// </summary>
public static partial class ApplicationCsv
{
    private static readonly string[] Header = ["CustomerId", "PolicyId", "BuyerId", "CoverType", "Amount", "Currency", "CustomerReference"];

    public static async Task<IReadOnlyList<CoverApplication>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        // A file saved in a legacy code page (a spreadsheet's plain "CSV" on Windows) decodes its accented letters as
        // U+FFFD: a reference "Müller" would be applied for with that character in place of the ü.
        var undecodable = Array.FindIndex(lines, l => l.Contains('\uFFFD', StringComparison.Ordinal));
        if (undecodable >= 0)
        {
            throw new InvalidDataException($"{path}, line {undecodable + 1}: the text is not UTF-8 (save the file as CSV UTF-8).");
        }

        if (lines.Length == 0 || !Fields(lines[0], path, 0).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}: the first line must be the header {string.Join(',', Header)}.");
        }

        var applications = new List<CoverApplication>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var fields = Fields(lines[i], path, i);
            if (fields.Length != Header.Length)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: {Header.Length} values expected, {fields.Length} found.");
            }

            // Values the SDK can judge (amount rules, currency, reference) go through as they are: the batch
            // reports an invalid item without sending it, which is what a user wants to see in the outcomes.
            applications.Add(new CoverApplication
            {
                CustomerId = Number(fields[0], path, i, "CustomerId"),
                // An empty cell is a value not given: the client's policy, no amount (a credit check), no reference.
                PolicyId = Optional(fields[1]),
                BuyerId = Number(fields[2], path, i, "BuyerId"),
                CoverType = CoverTypeOf(fields[3], path, i),
                CreditLimitAmount = fields[4].Length == 0 ? null : Amount(fields[4], path, i),
                CurrencyCode = Optional(fields[5]),
                CustomerReference = Optional(fields[6]),
            });
        }

        return applications;
    }

    // A spreadsheet quotes a value holding a comma or a quote, and some quote every value: split on bare commas, the
    // quotes would be sent as part of the reference or policy, and a quoted comma would shift every later column.
    private static string[] Fields(string line, string path, int index)
    {
        var fields = new List<string>();
        var position = 0;
        while (true)
        {
            var value = new System.Text.StringBuilder();
            while (position < line.Length && line[position] is ' ' or '\t')
            {
                position++;
            }

            if (position < line.Length && line[position] == '"')
            {
                position++;
                while (true)
                {
                    if (position >= line.Length)
                    {
                        throw new InvalidDataException($"{path}, line {index + 1}: a quoted value is not closed (a value must not span lines).");
                    }

                    if (line[position] == '"')
                    {
                        if (position + 1 < line.Length && line[position + 1] == '"')
                        {
                            value.Append('"');
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    value.Append(line[position++]);
                }

                while (position < line.Length && line[position] is ' ' or '\t')
                {
                    position++;
                }

                if (position < line.Length && line[position] != ',')
                {
                    throw new InvalidDataException($"{path}, line {index + 1}: value {fields.Count + 1} has text after its closing quote.");
                }
            }
            else
            {
                var end = line.IndexOf(',', position);
                end = end < 0 ? line.Length : end;
                value.Append(line, position, end - position);
                position = end;
            }

            fields.Add(value.ToString().Trim());
            if (position >= line.Length)
            {
                return [.. fields];
            }

            position++;
        }
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    // An empty cell is no cover type at all, and none is assumed for it: applying for one the file does not name
    // would be a business action taken on a guess.
    private static CoverType CoverTypeOf(string value, string path, int index) =>
        value.Length != 0
            ? new CoverType(value)
            : throw new InvalidDataException($"{path}, line {index + 1}: CoverType is empty (credit-limit, credit-check or indication).");

    // A comma only between groups of three digits before the decimals: the parser takes a comma anywhere in the whole
    // part, so a decimal comma (50000,00) would be read as a grouping and 5000000 applied for.
    private static decimal Amount(string value, string path, int index) =>
        (!value.Contains(',', StringComparison.Ordinal) || ThousandsGrouped().IsMatch(value))
        && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new InvalidDataException($"{path}, line {index + 1}: Amount '{value}' is not an amount (digits, a full stop for decimals, commas only between thousands).");

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsGrouped();

    // An id of 0 is refused here rather than by the batch, which names an application by its place among the
    // applications: with the header and blank lines, that is not the line to look at.
    private static long Number(string value, string path, int index, string column) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new InvalidDataException($"{path}, line {index + 1}: {column} '{value}' is not an id (a number above 0).");
}
