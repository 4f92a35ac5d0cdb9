namespace Atradius.Cover.Sdk;

/// <summary>Options for one call that changes cover: idempotency key, correlation id and optimistic concurrency.</summary>
public sealed class CoverRequestOptions
{
    /// <summary>
    /// The idempotency key of this change. Leave it null to have one generated for the call; set it (and keep it)
    /// to retry a change whose outcome you did not see without making it twice.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>A correlation id for this call, to find it in logs on both sides; created by the service when null.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>
    /// The <see cref="CoverDecision.ETag"/> of the cover as you last read it: the change is refused with a
    /// <see cref="CoverConflictException"/> (412) when the cover changed since. Null to change it whatever its version.
    /// </summary>
    public string? IfMatch { get; set; }
}
