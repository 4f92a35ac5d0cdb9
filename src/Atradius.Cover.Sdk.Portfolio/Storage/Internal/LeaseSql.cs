namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The lease statements SQLite and PostgreSQL run word for word (parameters @resource, @holder, @token, @expires, @now,
/// @longAgo), so that the two database stores grant, extend and fence leases alike. Each returns the lease's row as
/// <c>resource, holder_id, expires_at, fencing_token</c>, or nothing when the lease was not granted.
/// </summary>
internal static class LeaseSql
{
    /// <summary>
    /// Takes the lease when it is free, expired or already the holder's. The token grows with every new holding and
    /// stays with a holder that extends an unexpired lease; ON CONFLICT locks the row, so two contenders are serialised.
    /// </summary>
    public const string Acquire = """
        INSERT INTO leases (resource, holder_id, expires_at, fencing_token) VALUES (@resource, @holder, @expires, 1)
        ON CONFLICT (resource) DO UPDATE SET
            holder_id = excluded.holder_id,
            expires_at = excluded.expires_at,
            fencing_token = CASE WHEN leases.holder_id = excluded.holder_id AND leases.expires_at > @now
                                 THEN leases.fencing_token ELSE leases.fencing_token + 1 END
        WHERE leases.holder_id = excluded.holder_id OR leases.expires_at <= @now
        RETURNING resource, holder_id, expires_at, fencing_token;
        """;

    /// <summary>Extends the holding with this token, unless another holding has replaced it.</summary>
    public const string Renew = """
        UPDATE leases SET expires_at = @expires
        WHERE resource = @resource AND holder_id = @holder AND fencing_token = @token
        RETURNING resource, holder_id, expires_at, fencing_token;
        """;

    /// <summary>
    /// Ends the holding with this token. The row stays with its token, so that the next holding still gets a larger
    /// one; one row changed means it was released.
    /// </summary>
    public const string Release = """
        UPDATE leases SET holder_id = '', expires_at = @longAgo
        WHERE resource = @resource AND holder_id = @holder AND fencing_token = @token;
        """;
}
