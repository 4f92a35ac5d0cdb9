namespace Atradius.Cover.Sdk.Sandbox.Faults;

/// <summary>A failure the sandbox can inject into one request.</summary>
public enum SandboxFault
{
    /// <summary>429 with a gateway fault body, before the request is processed.</summary>
    RateLimited,

    /// <summary>503 with a gateway fault body, before the request is processed.</summary>
    ServiceUnavailable,

    /// <summary>The request is processed and committed, then answered 502 with a gateway fault body.</summary>
    BadGatewayAfterCommit,

    /// <summary>The request is processed and committed, then answered 504 with a gateway fault body.</summary>
    GatewayTimeoutAfterCommit,

    /// <summary>The request is processed and committed, then the connection is cut before any answer.</summary>
    DropAfterCommit,

    /// <summary>The request is processed and committed; the status and half the body are sent, then the connection is cut.</summary>
    CutBodyAfterCommit,

    /// <summary>The answer is sent in small pieces with a pause between them (<see cref="SandboxFaults.SlowBodyChunkDelay"/>).</summary>
    SlowBody,
}
