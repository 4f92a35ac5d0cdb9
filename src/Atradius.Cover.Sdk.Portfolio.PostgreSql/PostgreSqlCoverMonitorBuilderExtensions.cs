using Atradius.Cover.Sdk.Portfolio;

namespace Atradius.Cover.Sdk.Portfolio.PostgreSql;

/// <summary>Points the hosted monitor at a PostgreSQL database.</summary>
public static class PostgreSqlCoverMonitorBuilderExtensions
{
    /// <summary>
    /// Keeps the portfolio in PostgreSQL: several instances of the host can run on the same database, and exactly one
    /// of them syncs the portfolio at a time (the lease); another takes over when it dies.
    /// </summary>
    /// <param name="builder">The monitor's builder.</param>
    /// <param name="connectionString">An Npgsql connection string to the database (the schema is created on first use).</param>
    /// <returns>The builder.</returns>
    public static CoverMonitorBuilder UsePostgreSql(this CoverMonitorBuilder builder, string connectionString)
    {
        _ = builder ?? throw new ArgumentNullException(nameof(builder));
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The PostgreSQL connection string must not be empty.", nameof(connectionString));
        }

        return builder.UseStore(_ => new PostgreSqlCoverPortfolioStore(connectionString));
    }
}
