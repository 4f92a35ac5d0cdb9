namespace Atradius.Cover.Sdk.Sandbox.World;

/// <summary>A customer (policy holder) of the seeded world.</summary>
/// <param name="CustomerId">The customer id.</param>
/// <param name="Name">The customer's name.</param>
/// <param name="UserCurrencyCode">The currency the customer reads amounts in (the <c>…InUserCurrency</c> fields).</param>
public sealed record SandboxCustomer(long CustomerId, string Name, string UserCurrencyCode);
