using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>Finds the client a hosted portfolio service works with: the unnamed one, or a named registration.</summary>
internal static class CoverClientResolver
{
    public static ICoverClient Resolve(IServiceProvider services, string? clientName) =>
        string.IsNullOrEmpty(clientName)
            ? services.GetRequiredService<ICoverClient>()
            : services.GetRequiredService<ICoverClientFactory>().CreateClient(clientName!);
}
