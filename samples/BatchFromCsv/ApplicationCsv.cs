using System.Globalization;
using Atradius.Cover.Sdk;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>
/// Reads applications from a CSV file with a header row: CustomerId, PolicyId, BuyerId, CoverType, Amount,
/// Currency, CustomerReference. Values are plain (no quoted commas), amounts use a full stop.
/// </summary>
public static class ApplicationCsv
{
    private static readonly string[] Header = ["CustomerId", "PolicyId", "BuyerId", "CoverType", "Amount", "Currency", "CustomerReference"];

    public static async Task<IReadOnlyList<CoverApplication>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        if (lines.Length == 0 || !lines[0].Split(',').Select(h => h.Trim()).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
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

            var fields = lines[i].Split(',').Select(f => f.Trim()).ToArray();
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

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    // An empty cell is no cover type at all, and none is assumed for it: applying for one the file does not name
    // would be a business action taken on a guess.
    private static CoverType CoverTypeOf(string value, string path, int index) =>
        value.Length != 0
            ? new CoverType(value)
            : throw new InvalidDataException($"{path}, line {index + 1}: CoverType is empty (credit-limit, credit-check or indication).");

    private static decimal Amount(string value, string path, int index) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new InvalidDataException($"{path}, line {index + 1}: Amount '{value}' is not an amount (digits, a full stop for decimals).");

    private static long Number(string value, string path, int index, string column) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidDataException($"{path}, line {index + 1}: {column} '{value}' is not a number.");
}
