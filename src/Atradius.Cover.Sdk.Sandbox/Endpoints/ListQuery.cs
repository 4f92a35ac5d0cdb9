using System.Globalization;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace Atradius.Cover.Sdk.Sandbox.Endpoints;

/// <summary>The paging and filter parameters shared by the list operations.</summary>
internal sealed record ListQuery(CoverFilter Filter, int PageSize, string? Cursor)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static ListQuery? Parse(HttpContext context, out ApiError? error)
    {
        if (!TryPageSize(context, out var pageSize, out error)
            || !Http.TryQuery(context, "cursor", out var cursor, out error)
            || !Http.TryQuery(context, "policyId", out var policyId, out error)
            || !TryId(context, "customerId", out var customerId, out error)
            || !TryId(context, "buyerId", out var buyerId, out error)
            || !Http.TryQuery(context, "coverType", out var coverType, out error)
            || !Http.TryQuery(context, "updatedSince", out var updatedSinceText, out error))
        {
            return null;
        }

        if (cursor is { Length: 0 or > 512 })
        {
            error = ApiError.BadParameter("cursor", "cursor must be 1 to 512 characters long.");
            return null;
        }

        if (policyId is { Length: 0 or > 20 })
        {
            error = ApiError.BadParameter("policyId", "policyId must be 1 to 20 characters long.");
            return null;
        }

        if (coverType is not null && !CoverTypes.IsKnown(coverType))
        {
            error = ApiError.BadParameter("coverType", "coverType must be credit-limit, credit-check or indication.");
            return null;
        }

        DateTimeOffset? updatedSince = null;
        if (updatedSinceText is not null)
        {
            // ISO 8601 with an offset or Z: a local time would mean different instants on client and server.
            if (!DateTimeOffset.TryParse(updatedSinceText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var since)
                || !(updatedSinceText.EndsWith('Z') || updatedSinceText.EndsWith('z') || HasOffset(updatedSinceText))
                || !updatedSinceText.Contains('T', StringComparison.OrdinalIgnoreCase))
            {
                error = ApiError.BadParameter("updatedSince", "updatedSince must be an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00Z.");
                return null;
            }

            updatedSince = since;
        }

        return new ListQuery(new CoverFilter(policyId, customerId, buyerId, coverType, updatedSince), pageSize, cursor);
    }

    public static bool TryPageSize(HttpContext context, out int pageSize, out ApiError? error)
    {
        pageSize = DefaultPageSize;
        if (!Http.TryQuery(context, "pageSize", out var text, out error))
        {
            return false;
        }

        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > MaxPageSize))
        {
            error = ApiError.BadParameter("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
            return false;
        }

        return true;
    }

    private static bool TryId(HttpContext context, string name, out long? value, out ApiError? error)
    {
        value = null;
        if (!Http.TryQuery(context, name, out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            error = ApiError.BadParameter(name, $"{name} must be a positive integer.");
            return false;
        }

        value = id;
        return true;
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (t < 0)
        {
            return false;
        }

        var time = text[(t + 1)..];
        return time.Contains('+', StringComparison.Ordinal) || time.Contains('-', StringComparison.Ordinal);
    }
}
