namespace Atradius.Cover.Sdk;

/// <summary>Names of the <c>IHttpClientFactory</c> clients behind one Cover registration.</summary>
internal static class CoverHttpClientNames
{
    /// <summary>The client that calls the Cover API through the whole pipeline.</summary>
    public static string Api(string registrationName) => "Atradius.Cover.Sdk:" + registrationName;

    /// <summary>The client that calls the token endpoint (no bearer handler, no API retries).</summary>
    public static string Token(string registrationName) => "Atradius.Cover.Sdk.Token:" + registrationName;
}
