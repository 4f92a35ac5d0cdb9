using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Sdk.IntegrationTests.Support;

/// <summary>What the sandbox really holds, read from its state rather than through the SDK under test.</summary>
internal static class SandboxCovers
{
    public static IReadOnlyList<SandboxCover> Current(CoverSandbox sandbox, long buyerId, string coverType = "credit-limit") =>
        sandbox.GetCovers().Where(c => c.BuyerId == buyerId && c.IsCurrent && c.CoverType == coverType).ToList();

    public static IReadOnlyList<SandboxCover> All(CoverSandbox sandbox, long buyerId, string coverType = "credit-limit") =>
        sandbox.GetCovers().Where(c => c.BuyerId == buyerId && c.CoverType == coverType).ToList();
}
