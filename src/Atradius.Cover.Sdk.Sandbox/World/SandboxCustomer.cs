namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>A customer (policy holder) of the seeded world.</summary>
/// <param name="CustomerId">The customer id.</param>
/// <param name="Name">The customer's name.</param>
public sealed record SandboxCustomer(long CustomerId, string Name);
