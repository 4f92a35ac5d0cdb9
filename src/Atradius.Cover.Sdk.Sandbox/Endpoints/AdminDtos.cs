namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>Fault settings as the admin endpoint reads and writes them; absent fields stay unchanged.</summary>
internal sealed record AdminFaultsDto(
    double? RateLimitedShare,
    double? ServiceUnavailableShare,
    double? DroppedResponseShare,
    int? RetryAfterSeconds,
    double? MinLatencyMilliseconds,
    double? MaxLatencyMilliseconds,
    bool? ExcludeTokenEndpoints,
    bool? FailEveryRequest,
    int? Seed);

/// <summary>Counters as the admin endpoint shows them.</summary>
internal sealed record AdminStatisticsDto(
    long TokenRequests,
    long OAuth2TokenRequests,
    long AtradiusTokenRequests,
    long ApplicationsCreated,
    long Requests,
    long RateLimitedResponses,
    long ServiceUnavailableResponses,
    long DroppedResponses,
    long DelayedRequests,
    long IdempotentReplays);

/// <summary>The sandbox clock.</summary>
internal sealed record AdminClockDto(DateTimeOffset Now, double OffsetSeconds);

/// <summary>How many items an admin action touched.</summary>
internal sealed record AdminCountDto(int Count);

/// <summary>The idempotency switch.</summary>
internal sealed record AdminIdempotencyDto(bool Enabled);
