namespace Atradius.Cover.Sdk;

/// <summary>
/// Makes the correlation id of a call: a version 4 GUID in the <c>D</c> format. A correlation id must be unique,
/// not unguessable (it travels in clear in logs and headers), so on .NET 6 and later its 122 random bits come
/// from <c>Random.Shared</c> (xoshiro256**, seeded by the operating system per thread) instead of
/// <see cref="Guid.NewGuid"/>'s cryptographic source, which cost about 1.5 µs per call on Linux, a tenth of
/// reading five covers (docs/performance.md). Older frameworks' <see cref="Random"/> has a 32-bit seed, too few
/// for ids that must not repeat across processes, so there it stays <see cref="Guid.NewGuid"/>.
/// </summary>
internal static class CoverCorrelationId
{
    public static string New()
    {
#if NET6_0_OR_GREATER
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);

        // The version (4, random) in the high nibble of the third group and the RFC 4122 variant, as Guid.NewGuid sets them.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
#else
        return Guid.NewGuid().ToString("D");
#endif
    }
}
