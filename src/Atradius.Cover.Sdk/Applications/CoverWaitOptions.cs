namespace Atradius.Cover.Sdk;

/// <summary>How to wait for the decision on a referred application.</summary>
public sealed class CoverWaitOptions
{
    /// <summary>
    /// Time between two looks at the application when the service does not say (with <c>Retry-After</c>)
    /// when to look again; <see cref="CoverClientOptions.PollInterval"/> when null.
    /// </summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Longest time to wait for the decision; <see cref="CoverClientOptions.WaitTimeout"/> when null.</summary>
    public TimeSpan? Timeout { get; set; }
}
