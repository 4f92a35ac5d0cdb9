using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>A token as stored (protected) in the distributed cache.</summary>
internal sealed class CoverTokenCacheEntry
{
    /// <summary>The hashed cache key the entry was written under: an entry copied under another key is not that key's token.</summary>
    public string? Key { get; set; }

    public string? Token { get; set; }

    public long ExpiresAtUnix { get; set; }
}

/// <summary>Source-generated (trim-safe) JSON for <see cref="CoverTokenCacheEntry"/>.</summary>
[JsonSerializable(typeof(CoverTokenCacheEntry))]
internal sealed partial class CoverTokenCacheJsonContext : JsonSerializerContext
{
}
