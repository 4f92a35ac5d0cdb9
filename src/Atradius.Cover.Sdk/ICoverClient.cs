// Placeholder: replaced by the facade.
namespace Atradius.Cover.Sdk;

/// <summary>
/// The Atradius Cover API client, as an interface for mocking.
/// </summary>
public interface ICoverClient
{
}
