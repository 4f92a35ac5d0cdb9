using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk;

/// <summary>What the sub-clients share: the exchange, the options, the clock, and the policy calls are made under.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A SemaphoreSlim whose AvailableWaitHandle is never read holds nothing to release; the core lives as long as its client.")]
internal sealed class CoverClientCore
{
    // A policy is renewed once a year under a new id: a client that runs for months finds the live one again hourly.
    private static readonly TimeSpan LivePolicyLifetime = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _policyGate = new(1, 1);
    private LivePolicy? _livePolicy;

    public CoverClientCore(CoverTransport transport, CoverClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Transport = transport;
        Options = options;
        Time = timeProvider;
        Logger = logger;
    }

    public CoverTransport Transport { get; }

    public CoverClientOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>The SDK's logger (category <c>Atradius.Cover.Sdk</c>), for what the clients do beyond one request: a write sent again.</summary>
    public ILogger Logger { get; }

    public long CustomerId => Options.CustomerId ?? 0;

    /// <summary>Whether an operation is about the client's own customer: it names none, or names the client's.</summary>
    public bool IsOwnCustomer(long? customerId) => customerId is null || customerId == CustomerId;

    /// <summary>
    /// The policy a read is filtered by: the one named, else the client's policy when the read is about the client's own
    /// customer. The client's policy is its own customer's: sent beside another customer's id it would ask for a list that
    /// is not that customer's, and the customer alone is enough to read their lists.
    /// </summary>
    public string? ReadPolicyId(string? given, long? customerId) =>
        given ?? (IsOwnCustomer(customerId) ? Options.PolicyId : null);

    /// <summary>
    /// Refuses, before any request, a write for another customer that names no policy. The policy of a write is
    /// otherwise the client's, configured or read from the policy details (which answer for the client's own customer
    /// only): that is the client's customer's policy, and the write would pair another customer with it.
    /// </summary>
    public void RequirePolicyForAnotherCustomer(long? customerId, string? policyId, string customerArgument, string policyArgument)
    {
        if (!IsOwnCustomer(customerId) && string.IsNullOrEmpty(policyId))
        {
            throw new ArgumentException(
                policyArgument + " is required when " + customerArgument + " (" + CoverRoutes.Number(customerId) + ") is not the client's customer ("
                    + CoverRoutes.Number(CustomerId) + "): the client's policy, configured or live, is its own customer's.",
                policyArgument);
        }
    }

    /// <summary>
    /// The policy calls are made under: the configured one, else the live policy found (<see cref="LivePolicyFinder"/>)
    /// and kept for an hour, so that a long-running host follows the policy's yearly renewal. A failed search is not
    /// remembered, so the next call tries again.
    /// </summary>
    public async Task<string> PolicyIdAsync(string? given, CoverRequestOptions call, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return given!;
        }

        if (!string.IsNullOrEmpty(Options.PolicyId))
        {
            return Options.PolicyId!;
        }

        if (_livePolicy is { } known && Time.GetUtcNow() - known.FoundAt < LivePolicyLifetime)
        {
            return known.PolicyId;
        }

        await _policyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_livePolicy is { } found && Time.GetUtcNow() - found.FoundAt < LivePolicyLifetime)
            {
                return found.PolicyId;
            }

            var live = await LivePolicyFinder.FindAsync(this, call, cancellationToken).ConfigureAwait(false);
            _livePolicy = new LivePolicy(live, Time.GetUtcNow());
            return live;
        }
        finally
        {
            _policyGate.Release();
        }
    }

    private sealed record LivePolicy(string PolicyId, DateTimeOffset FoundAt);
}
