namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The filters and order of a <see cref="CoverVersionQuery"/> as both database stores run them, on cover_versions
/// aliased v, with parameters @buyer, @cover, @from and @to.
/// </summary>
internal static class CoverVersionSql
{
    /// <summary>
    /// The conditions after the portfolio's, then the order, oldest first. Only the filters the query sets are named:
    /// a statement with "@x IS NULL OR ..." filters is planned once for every combination of them (always by SQLite,
    /// by PostgreSQL once prepared), and that plan walks the portfolio in time order for one buyer's history.
    /// </summary>
    public static string FiltersAndOrder(CoverVersionQuery query) => string.Concat(
        query.BuyerId is null ? string.Empty : " AND v.buyer_id = @buyer",
        query.CoverId is null ? string.Empty : " AND v.cover_id = @cover",
        query.From is null ? string.Empty : " AND v.observed_at >= @from",
        query.To is null ? string.Empty : " AND v.observed_at < @to")
        + " ORDER BY v.observed_at, v.version_id;";
}
