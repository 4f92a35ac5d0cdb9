using Atradius.Cover.Sdk.Sandbox.Contract;

namespace Atradius.Cover.Sdk.Sandbox.State;

/// <summary>The list filters of the contract; <see cref="CustomerId"/> is always a customer the caller may act for, or -1 for none.</summary>
internal sealed record CoverFilter(long CustomerId, string? PolicyId, long? BuyerId, string? CoverType, DateTimeOffset? ChangedSince)
{
    public bool Matches(CoverRecord cover) =>
        cover.CustomerId == CustomerId
        && (PolicyId is null || cover.PolicyId == PolicyId)
        && (BuyerId is null || cover.BuyerId == BuyerId)
        && (CoverType is null || cover.CoverType == CoverType)
        && (ChangedSince is null || cover.ChangedAt >= ChangedSince);
}
