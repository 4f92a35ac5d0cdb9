namespace Atradius.Cover.Sdk.Sandbox.Faults;

/// <summary>The fault drawn for one request (none when <see cref="Fault"/> is null) and the latency to add first.</summary>
internal readonly record struct FaultDecision(SandboxFault? Fault, TimeSpan Latency)
{
    public static FaultDecision None => default;

    public bool IsAfterCommit => Fault is SandboxFault.BadGatewayAfterCommit or SandboxFault.GatewayTimeoutAfterCommit
        or SandboxFault.DropAfterCommit or SandboxFault.CutBodyAfterCommit or SandboxFault.SlowBody;
}

/// <summary>A fault armed for the next requests that match a method and a path.</summary>
internal sealed class ArmedFault(string? method, string? path, SandboxFault fault, int times)
{
    public string? Method { get; } = method;

    public string? Path { get; } = path is null || path.StartsWith('/') ? path : "/" + path;

    public SandboxFault Fault { get; } = fault;

    public int Remaining { get; set; } = times;

    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) && (Path is null || string.Equals(Path, path, StringComparison.Ordinal));
}
