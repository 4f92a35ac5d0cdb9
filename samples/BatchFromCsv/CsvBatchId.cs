using System.Security.Cryptography;
using System.Text;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Portfolio;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>
/// The batch a file runs as when no batch id is given: the file's name and a hash of the applications it holds. The
/// same file run again (after a crash, a kill or a network fault) resumes its batch; a file of the same name with other
/// applications is another batch, so it never takes a line for one an earlier file already finished and leaves it unsent.
/// </summary>
public static class CsvBatchId
{
    private const int HashDigits = 16;

    /// <summary>The batch id of <paramref name="applications"/> read from the file at <paramref name="path"/>.</summary>
    public static string For(string path, IEnumerable<CoverApplication> applications)
    {
        // Item keys, as the batch tells items apart: the same applications written in another order, with amounts as
        // 50000.00 or in another case, are the same batch. Each key is prefixed with its length, since a key may hold
        // any character a reference holds.
        var keys = applications.Select(CoverBatchRunner.ItemKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var content = string.Concat(keys.Select(k => k.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + k));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return NameOf(path) + "-" + hash[..HashDigits];
    }

    private static string NameOf(string path) => Path.GetFileNameWithoutExtension(path);
}
