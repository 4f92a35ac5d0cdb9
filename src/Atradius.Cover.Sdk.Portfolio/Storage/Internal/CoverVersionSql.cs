namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The filters and order of a <see cref="CoverVersionQuery"/> as both database stores run them, on cover_versions
/// aliased v, with parameters @buyer, @cover, @from and @to.
/// </summary>
internal static class CoverVersionSql
{
    /// <summary>
    /// The payload of the version of v's cover just before v (the next lower version id), or null: one probe of the
    /// by-cover index per row, inside the query.
    /// </summary>
    public const string PreviousPayload =
        "(SELECT p.payload FROM cover_versions p WHERE p.portfolio_key = v.portfolio_key AND p.cover_id = v.cover_id AND p.version_id < v.version_id ORDER BY p.version_id DESC LIMIT 1)";

    /// <summary>
    /// The conditions after the portfolio's, then the order, oldest first. Only the filters the query sets are named:
    /// a statement with "@x IS NULL OR ..." filters is planned once for every combination of them (always by SQLite,
    /// by PostgreSQL once prepared), and that plan walks the portfolio in time order for one buyer's history.
    /// </summary>
    public static string FiltersAndOrder(CoverVersionQuery query) => Filters(query) + Order;

    /// <summary>The order of a history, oldest first.</summary>
    public const string Order = " ORDER BY v.observed_at, v.version_id;";

    /// <summary>The conditions after the portfolio's; see <see cref="FiltersAndOrder"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="timeUnindexed">
    /// Keeps the time range from choosing the index: a unary plus makes SQLite look the rows up by the other filters and
    /// test the range on each.
    /// </param>
    public static string Filters(CoverVersionQuery query, bool timeUnindexed = false)
    {
        var time = timeUnindexed ? "+v.observed_at" : "v.observed_at";
        return string.Concat(
            query.BuyerId is null ? string.Empty : " AND v.buyer_id = @buyer",
            query.CoverId is null ? string.Empty : " AND v.cover_id = @cover",
            query.From is null ? string.Empty : " AND " + time + " >= @from",
            query.To is null ? string.Empty : " AND " + time + " < @to");
    }
}
