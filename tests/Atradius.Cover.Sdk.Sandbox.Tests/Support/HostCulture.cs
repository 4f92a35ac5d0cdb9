using System.Globalization;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Support;

/// <summary>Runs a test's steps on a host set to another culture, as the sandbox may run on one.</summary>
internal static class HostCulture
{
    /// <summary>
    /// Runs <paramref name="body"/> with the current culture and UI culture set to <paramref name="name"/>, and sets
    /// both back afterwards whatever happens. Only this flow sees the culture: tests running beside it keep theirs.
    /// </summary>
    public static async Task<T> RunAsync<T>(string name, Func<Task<T>> body)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var host = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = host;
        CultureInfo.CurrentUICulture = host;
        try
        {
            return await body();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
