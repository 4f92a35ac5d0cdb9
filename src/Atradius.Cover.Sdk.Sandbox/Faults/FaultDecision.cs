namespace Atradius.Cover.Sdk.Sandbox.Faults;

/// <summary>The faults drawn for one request.</summary>
internal readonly record struct FaultDecision(FaultKind Kind, TimeSpan Latency, int RetryAfterSeconds)
{
    public static FaultDecision None => default;
}

/// <summary>Kinds of injected failure.</summary>
internal enum FaultKind
{
    None,
    RateLimited,
    ServiceUnavailable,
    DroppedResponse,
}
