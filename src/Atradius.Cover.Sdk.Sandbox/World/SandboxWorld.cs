namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>
/// The seeded reference data of a sandbox: customers, policies and buyers. Covers change while the
/// sandbox runs, so they are read with <see cref="Hosting.CoverSandbox.GetCovers"/> instead.
/// </summary>
public sealed class SandboxWorld
{
    private readonly Dictionary<long, SandboxBuyer> _buyersById;

    internal SandboxWorld(int seed, IReadOnlyList<SandboxCustomer> customers, IReadOnlyList<SandboxPolicy> policies, IReadOnlyList<SandboxBuyer> buyers, DateOnly madeOn)
    {
        Seed = seed;
        MadeOn = madeOn;
        Customers = customers;
        Policies = policies;
        Buyers = buyers;
        _buyersById = buyers.ToDictionary(b => b.BuyerId);
    }

    /// <summary>The seed the world was generated from.</summary>
    public int Seed { get; }

    /// <summary>The sandbox day the world was made on, which the policies' dates follow; a state file keeps it.</summary>
    internal DateOnly MadeOn { get; }

    /// <summary>The customers (policy holders).</summary>
    public IReadOnlyList<SandboxCustomer> Customers { get; }

    /// <summary>The policies, one currency each.</summary>
    public IReadOnlyList<SandboxPolicy> Policies { get; }

    /// <summary>Every buyer, ordered by buyer id.</summary>
    public IReadOnlyList<SandboxBuyer> Buyers { get; }

    /// <summary>The buyer with this id, or null.</summary>
    /// <param name="buyerId">The Atradius Buyer ID.</param>
    public SandboxBuyer? FindBuyer(long buyerId) => _buyersById.GetValueOrDefault(buyerId);

    /// <summary>The policy with this id, or null.</summary>
    /// <param name="policyId">The policy id.</param>
    public SandboxPolicy? FindPolicy(string policyId) => Policies.FirstOrDefault(p => p.PolicyId == policyId);

    /// <summary>
    /// The policy of a customer that was live on the day the world was made (the first when several were), or null. Once
    /// the sandbox clock has passed its expiry date it takes no application: ask with the clock's day instead
    /// (<see cref="FindLivePolicy(long, DateOnly)"/>).
    /// </summary>
    /// <param name="customerId">The customer id.</param>
    /// <returns>The policy, or null.</returns>
    public SandboxPolicy? FindLivePolicy(long customerId) => Policies.FirstOrDefault(p => p.CustomerId == customerId && p.IsLive);

    /// <summary>
    /// The policy of a customer still in force on <paramref name="day"/> (the first when several are), or null: for
    /// the policy that takes applications now, <c>FindLivePolicy(customerId, DateOnly.FromDateTime(sandbox.Clock.GetUtcNow().UtcDateTime))</c>.
    /// </summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="day">The day, by the sandbox clock.</param>
    /// <returns>The policy, or null.</returns>
    public SandboxPolicy? FindLivePolicy(long customerId, DateOnly day) => Policies.FirstOrDefault(p => p.CustomerId == customerId && p.IsLiveOn(day));

    /// <summary>The customer with this id, or null.</summary>
    /// <param name="customerId">The customer id.</param>
    public SandboxCustomer? FindCustomer(long customerId) => Customers.FirstOrDefault(c => c.CustomerId == customerId);
}
