namespace Atradius.Cover.Sdk.Sandbox.Security;

/// <summary>Client credentials the sandbox accepts, and whose customers they act for.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="ClientSecret">The client secret.</param>
/// <param name="AppKey">The application key every call must carry in <c>Atradius-App-Key</c>; null when the client has none.</param>
/// <param name="CustomerId">The client's own customer: the one its calls are about when they name none, and the only one whose policy details it reads.</param>
/// <param name="PolicyId">The customer's policy the client is set up with (what an SDK's <c>PolicyId</c> option holds).</param>
/// <param name="CanWrite">False for a read-only client: its applications and changes answer 403.</param>
public sealed record SandboxClient(string ClientId, string ClientSecret, string? AppKey, long CustomerId, string PolicyId, bool CanWrite = true)
{
    private readonly IReadOnlyList<long> _otherCustomerIds = [];

    /// <summary>
    /// The customers besides <see cref="CustomerId"/> the client may act for, as a broker's registration does;
    /// empty (the default) for a client of one customer. Lists and writes naming any other customer are
    /// refused as they are for a client of one customer.
    /// </summary>
    /// <exception cref="ArgumentNullException">When set to null.</exception>
    public IReadOnlyList<long> OtherCustomerIds
    {
        get => _otherCustomerIds;
        init => _otherCustomerIds = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Every customer the client may act for, its own <see cref="CustomerId"/> first.</summary>
    public IReadOnlyList<long> CustomerIds => [CustomerId, .. _otherCustomerIds.Where(id => id != CustomerId).Distinct()];

    /// <summary>Whether the client may act for a customer: its own, or one of <see cref="OtherCustomerIds"/>.</summary>
    /// <param name="customerId">The customer a request names.</param>
    /// <returns>True when the client may read and (if it can write) change that customer's covers.</returns>
    public bool MayActFor(long customerId) => customerId == CustomerId || _otherCustomerIds.Contains(customerId);

    /// <summary>Whether two clients have the same credentials, customers, policy and rights.</summary>
    /// <param name="other">The other client.</param>
    /// <returns>True when every field is equal; the other customers are compared by content, not by list.</returns>
    public bool Equals(SandboxClient? other) =>
        other is not null
        && string.Equals(ClientId, other.ClientId, StringComparison.Ordinal)
        && string.Equals(ClientSecret, other.ClientSecret, StringComparison.Ordinal)
        && string.Equals(AppKey, other.AppKey, StringComparison.Ordinal)
        && CustomerId == other.CustomerId
        && string.Equals(PolicyId, other.PolicyId, StringComparison.Ordinal)
        && CanWrite == other.CanWrite
        && CustomerIds.SequenceEqual(other.CustomerIds);

    /// <summary>A hash of the fields <see cref="Equals(SandboxClient?)"/> compares.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(ClientId, ClientSecret, AppKey, CustomerId, PolicyId, CanWrite, CustomerIds.Count);

    /// <summary>Hides the secret, so credentials printed in a test log do not leak it.</summary>
    /// <returns>The client id, app key, customers and policy.</returns>
    public override string ToString() =>
        $"SandboxClient {{ ClientId = {ClientId}, AppKey = {AppKey}, CustomerId = {CustomerId}, PolicyId = {PolicyId}, CanWrite = {CanWrite}, CustomerIds = [{string.Join(", ", CustomerIds)}] }}";
}
