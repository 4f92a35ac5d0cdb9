namespace Atradius.Cover.Sdk;

/// <summary>
/// Gives the <see cref="CoverClient"/> of a named registration, for brokers and ERP hosts that act for
/// several customers, each with its own credentials:
/// <c>services.AddAtradiusCover("customer-a", configuration.GetSection("Cover:CustomerA"))</c>.
/// </summary>
public interface ICoverClientFactory
{
    /// <summary>
    /// Returns the client registered under <paramref name="name"/>. The same instance is returned for the same
    /// name; it is owned by the container, so do not dispose it.
    /// </summary>
    /// <param name="name">The name given to <c>AddAtradiusCover</c> (empty for the unnamed registration).</param>
    /// <returns>The client for that registration.</returns>
    /// <exception cref="InvalidOperationException">No registration has that name.</exception>
    CoverClient CreateClient(string name);
}
