namespace Atradius.Cover.Sdk;

/// <summary>Reads content with cancellation where the platform supports it (not on netstandard2.0).</summary>
internal static class HttpContentReader
{
    public static Task<string> ReadAsStringAsync(HttpContent content, CancellationToken cancellationToken = default)
    {
#if NET8_0_OR_GREATER
        return content.ReadAsStringAsync(cancellationToken);
#else
        cancellationToken.ThrowIfCancellationRequested();
        return content.ReadAsStringAsync();
#endif
    }

    public static Task LoadIntoBufferAsync(HttpContent content, CancellationToken cancellationToken = default)
    {
#if NET9_0_OR_GREATER
        return content.LoadIntoBufferAsync(cancellationToken);
#else
        cancellationToken.ThrowIfCancellationRequested();
        return content.LoadIntoBufferAsync();
#endif
    }
}
