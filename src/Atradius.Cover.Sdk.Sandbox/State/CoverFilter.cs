using Atradius.Cover.Sdk.Sandbox.Contract;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>The list filters of the contract.</summary>
internal sealed record CoverFilter(string? PolicyId, long? CustomerId, long? BuyerId, string? CoverType, DateTimeOffset? UpdatedSince)
{
    public bool Matches(CoverDto cover) =>
        (PolicyId is null || cover.PolicyId == PolicyId)
        && (CustomerId is null || cover.CustomerId == CustomerId)
        && (BuyerId is null || cover.BuyerId == BuyerId)
        && (CoverType is null || cover.CoverType == CoverType)
        && (UpdatedSince is null || cover.UpdatedAt >= UpdatedSince);
}
