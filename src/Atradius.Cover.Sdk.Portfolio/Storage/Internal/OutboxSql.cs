namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The outbox statements SQLite and PostgreSQL run word for word (parameters @portfolio, @max, @upTo), so the two
/// database stores read and mark changes alike.
/// </summary>
internal static class OutboxSql
{
    /// <summary>The undelivered changes in order, each with the payloads of the cover versions it refers to.</summary>
    public const string UndeliveredChanges = """
        SELECT c.change_id, c.kind, c.cover_id, c.buyer_id, c.new_version_id, c.previous_version_id, c.occurred_at, c.payload,
               n.payload, p.payload
        FROM portfolio_changes c
        LEFT JOIN cover_versions n ON c.cover_id IS NOT NULL AND n.version_id = c.new_version_id
        LEFT JOIN cover_versions p ON c.cover_id IS NOT NULL AND p.version_id = c.previous_version_id
        WHERE c.portfolio_key = @portfolio
          AND c.change_id > COALESCE((SELECT delivered_up_to FROM change_delivery WHERE portfolio_key = @portfolio), 0)
        ORDER BY c.change_id
        LIMIT @max;
        """;

    /// <summary>Marks the changes delivered up to @upTo; never moves the mark back.</summary>
    public const string MarkDelivered = """
        INSERT INTO change_delivery (portfolio_key, delivered_up_to) VALUES (@portfolio, @upTo)
        ON CONFLICT (portfolio_key) DO UPDATE SET delivered_up_to = excluded.delivered_up_to
        WHERE excluded.delivered_up_to > change_delivery.delivered_up_to;
        """;
}
