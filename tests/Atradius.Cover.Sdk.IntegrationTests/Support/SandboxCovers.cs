using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Sdk.IntegrationTests.Support;

/// <summary>What the sandbox really holds, read from its state rather than through the SDK under test.</summary>
internal static class SandboxCovers
{
    /// <summary>The buyer's current covers of the type, under the read-write client's customer (other customers may cover the same buyer).</summary>
    public static IReadOnlyList<SandboxCover> Current(CoverSandbox sandbox, long buyerId, string coverType = "credit-limit") =>
        All(sandbox, buyerId, coverType).Where(c => c.IsCurrent).ToList();

    /// <summary>Every version, historic ones included, of the buyer's covers of the type under the read-write client's customer.</summary>
    public static IReadOnlyList<SandboxCover> All(CoverSandbox sandbox, long buyerId, string coverType = "credit-limit") =>
        sandbox.GetCovers().Where(c => c.BuyerId == buyerId && c.CoverType == coverType && c.CustomerId == sandbox.ReadWriteClient.CustomerId).ToList();
}
