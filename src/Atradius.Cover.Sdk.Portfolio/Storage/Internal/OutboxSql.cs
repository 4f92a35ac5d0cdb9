namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The outbox statements SQLite and PostgreSQL run word for word (parameters @portfolio, @max, @upTo), so the two
/// database stores read and mark changes alike.
/// </summary>
internal static class OutboxSql
{
    /// <summary>
    /// The undelivered changes in order, each with the payloads of the cover versions it refers to; a row that stands
    /// for a run of changes (<see cref="OutboxRows"/>) comes back as its changes, each with its own identifier, cover,
    /// buyer and version, from the first not yet delivered.
    /// </summary>
    public const string UndeliveredChanges = """
        SELECT c.change_id - c.change_count + 1 + COALESCE(n.version_id - c.new_version_id, 0) AS id, c.kind,
               CASE WHEN c.change_count > 1 THEN n.cover_id ELSE c.cover_id END,
               CASE WHEN c.change_count > 1 THEN n.buyer_id ELSE c.buyer_id END,
               CASE WHEN c.change_count > 1 THEN n.version_id ELSE c.new_version_id END,
               c.previous_version_id, c.occurred_at, c.payload, n.payload, p.payload
        FROM portfolio_changes c
        LEFT JOIN cover_versions n ON (c.cover_id IS NOT NULL OR c.change_count > 1)
            AND n.version_id BETWEEN c.new_version_id AND c.new_version_id + c.change_count - 1
        LEFT JOIN cover_versions p ON c.cover_id IS NOT NULL AND p.version_id = c.previous_version_id
        WHERE c.portfolio_key = @portfolio
          AND c.change_id > COALESCE((SELECT delivered_up_to FROM change_delivery WHERE portfolio_key = @portfolio), 0)
          AND c.change_id - c.change_count + 1 + COALESCE(n.version_id - c.new_version_id, 0)
              > COALESCE((SELECT delivered_up_to FROM change_delivery WHERE portfolio_key = @portfolio), 0)
        ORDER BY c.change_id, n.version_id
        LIMIT @max;
        """;

    /// <summary>Marks the changes delivered up to @upTo; never moves the mark back.</summary>
    public const string MarkDelivered = """
        INSERT INTO change_delivery (portfolio_key, delivered_up_to) VALUES (@portfolio, @upTo)
        ON CONFLICT (portfolio_key) DO UPDATE SET delivered_up_to = excluded.delivered_up_to
        WHERE excluded.delivered_up_to > change_delivery.delivered_up_to;
        """;
}
