using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Atradius.Cover.Sdk;

/// <summary>Derives the idempotency key of an application of a batch from its content.</summary>
public static class CoverBatchKeys
{
    /// <summary>
    /// The key an application is submitted with in a batch: its own <see cref="CoverApplication.IdempotencyKey"/> when
    /// set, else the SHA-256 of a canonical form of its fields (customer, policy, buyer, cover type, amount, currency,
    /// effect date, customer reference), prefixed with <paramref name="batchId"/>. The same application always gets
    /// the same key, on any machine and in any culture, so running a batch again submits nothing twice.
    /// </summary>
    /// <param name="application">The application.</param>
    /// <param name="batchId">The batch's id, or null.</param>
    /// <returns>The idempotency key, at most 245 characters.</returns>
    public static string Derive(CoverApplication application, string? batchId = null)
    {
        _ = application ?? throw new ArgumentNullException(nameof(application));
        if (!string.IsNullOrEmpty(application.IdempotencyKey))
        {
            return application.IdempotencyKey!;
        }

        var canonical = Canonical(application);
        var bytes = Encoding.UTF8.GetBytes(canonical);
#if NET
        var hash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
#else
        byte[] digest;
        using (var sha = SHA256.Create())
        {
            digest = sha.ComputeHash(bytes);
        }

        var builder = new StringBuilder(digest.Length * 2);
        foreach (var b in digest)
        {
            builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        var hash = builder.ToString();
#endif
        return string.IsNullOrEmpty(batchId) ? hash : batchId + "-" + hash;
    }

    // Versioned so the form can change later without colliding with keys derived by this version.
    internal static string Canonical(CoverApplication application) =>
        "cover-application/v1"
        + "\ncustomerId=" + application.CustomerId.ToString(CultureInfo.InvariantCulture)
        + "\npolicyId=" + application.PolicyId
        + "\nbuyerId=" + application.BuyerId.ToString(CultureInfo.InvariantCulture)
        + "\ncoverType=" + application.CoverType.Value.ToLowerInvariant()
        + "\namount=" + (application.CreditLimitAmount is { } amount ? Normalise(amount) : string.Empty)
        + "\ncurrency=" + application.CurrencyCode?.ToUpperInvariant()
        + "\neffectFrom=" + (application.EffectFromDate is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)
        + "\ncustomerReference=" + application.CustomerReference;

    // 50000, 50000.0 and 50000.00 are the same amount and must give the same key.
    private static string Normalise(decimal amount) => amount.ToString("0.############################", CultureInfo.InvariantCulture);
}
