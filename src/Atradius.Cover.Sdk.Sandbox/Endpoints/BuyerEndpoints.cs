using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Atradius.Cover.Sdk.Sandbox.State;
using Atradius.Cover.Sdk.Sandbox.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>Buyer search and lookup; buyers are read-only, so no lock is needed.</summary>
internal static class BuyerEndpoints
{
    private static readonly string[] UidTypes = ["VAT", "NRN", "CR", "DB", "FC", "SN", "TK"];

    public static void Map(WebApplication app, SandboxRuntime runtime)
    {
        app.MapGet(Http.BuyersPath, context => SearchAsync(context, runtime));
        app.MapGet(Http.BuyersPath + "/{buyerId}", context => GetAsync(context, runtime));
    }

    public static BuyerDto ToDto(SandboxBuyer buyer) => new(
        buyer.BuyerId,
        buyer.BuyerName,
        buyer.CountryCode,
        buyer.Identifiers.Select(i => new UniqueIdentifierDto(i.Value, i.Key)).ToList(),
        new AddressDto(buyer.Street, buyer.City, buyer.PostCode, buyer.CountryCode),
        buyer.Rating,
        buyer.RatingClass);

    private static async Task SearchAsync(HttpContext context, SandboxRuntime runtime)
    {
        if (Validate(context, out var country, out var uid, out var uidType, out var name, out var pageSize, out var after) is { } error)
        {
            await Http.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        var normalizedUid = uid is null ? null : Normalize(uid);
        var matches = runtime.World.Buyers
            .Where(b => b.BuyerId > after)
            .Where(b => country is null || b.CountryCode == country)
            .Where(b => name is null || b.BuyerName.Contains(name, StringComparison.OrdinalIgnoreCase))
            .Where(b => normalizedUid is null || b.Identifiers.Any(i => i.Key == uidType && Normalize(i.Value) == normalizedUid))
            .Take(pageSize + 1)
            .ToList();
        var more = matches.Count > pageSize;
        var page = matches.Take(pageSize).Select(ToDto).ToList();
        var next = more ? Http.EncodeCursor("b", page[^1].BuyerId) : null;
        await Http.WriteJsonAsync(context, 200, new BuyerPageDto(page, new PageMetaDto(pageSize, next)), SandboxJsonContext.Default.BuyerPageDto).ConfigureAwait(false);
    }

    private static ApiError? Validate(HttpContext context, out string? country, out string? uid, out string? uidType, out string? name, out int pageSize, out long after)
    {
        after = 0;
        pageSize = ListQuery.DefaultPageSize;
        uid = uidType = name = null;
        if (!Http.TryQuery(context, "country", out country, out var error)
            || !Http.TryQuery(context, "uid", out uid, out error)
            || !Http.TryQuery(context, "uidType", out uidType, out error)
            || !Http.TryQuery(context, "name", out name, out error)
            || !ListQuery.TryPageSize(context, out pageSize, out error)
            || !Http.TryQuery(context, "cursor", out var cursor, out error))
        {
            return error;
        }

        if (country is not null && (country.Length != 3 || !country.All(char.IsAsciiLetterUpper)))
        {
            return ApiError.BadParameter("country", "country must be an ISO 3166-1 alpha-3 code such as NLD.");
        }

        if (uidType is not null && !UidTypes.Contains(uidType))
        {
            return ApiError.BadParameter("uidType", $"uidType must be one of {string.Join(", ", UidTypes)}.");
        }

        if (uid is { Length: 0 or > 50 })
        {
            return ApiError.BadParameter("uid", "uid must be 1 to 50 characters long.");
        }

        if (name is { Length: < 2 or > 200 })
        {
            return ApiError.BadParameter("name", "name must be 2 to 200 characters long.");
        }

        if (uid is not null || uidType is not null)
        {
            if (uid is null)
            {
                return ApiError.BadParameter("uid", "uid is required with uidType.");
            }

            if (uidType is null)
            {
                return ApiError.BadParameter("uidType", "uidType is required with uid.");
            }

            if (country is null)
            {
                return ApiError.BadParameter("country", "country is required with uid and uidType.");
            }
        }
        else if (name is null)
        {
            return ApiError.BadParameter("name", "Search by name, or by country, uid and uidType together.");
        }

        if (cursor is not null)
        {
            if (Http.DecodeCursor(cursor, "b", 1) is not [var last])
            {
                return ApiError.BadParameter("cursor", "cursor is not a cursor this list gave out.");
            }

            after = last;
        }

        return null;
    }

    private static string Normalize(string uid) => new(uid.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static async Task GetAsync(HttpContext context, SandboxRuntime runtime)
    {
        var text = context.Request.RouteValues["buyerId"] as string;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var buyerId) || buyerId < 1)
        {
            await Http.WriteErrorAsync(context, ApiError.BadParameter("buyerId", "buyerId must be a positive integer.")).ConfigureAwait(false);
            return;
        }

        if (runtime.World.FindBuyer(buyerId) is not { } buyer)
        {
            await Http.WriteErrorAsync(context, ApiError.NotFound("buyerId", $"Buyer {buyerId} was not found.")).ConfigureAwait(false);
            return;
        }

        await Http.WriteJsonAsync(context, 200, ToDto(buyer), SandboxJsonContext.Default.BuyerDto).ConfigureAwait(false);
    }
}
