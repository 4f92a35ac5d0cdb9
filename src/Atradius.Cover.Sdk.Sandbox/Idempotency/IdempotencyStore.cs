using System.Security.Cryptography;

namespace Atradius.Cover.Sdk.Sandbox.Idempotency;

/// <summary>A recorded answer, replayed byte for byte for a retry with the same key and body.</summary>
internal sealed record StoredResponse(int Status, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>
/// Idempotency keys with the hash of the body they came with and the answer they got. A retry that
/// arrives while the first attempt is still running waits for it, so two attempts never both act.
/// </summary>
internal sealed class IdempotencyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public sealed class Entry(byte[] bodyHash)
    {
        public byte[] BodyHash { get; } = bodyHash;

        public TaskCompletionSource<StoredResponse?> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Claims a key; <paramref name="isNew"/> tells whether this request must do the work.</summary>
    public Entry Claim(string scope, byte[] body, out bool isNew)
    {
        var hash = SHA256.HashData(body);
        lock (_gate)
        {
            if (_entries.TryGetValue(scope, out var existing))
            {
                isNew = false;
                return existing;
            }

            var entry = new Entry(hash);
            _entries[scope] = entry;
            isNew = true;
            return entry;
        }
    }

    public static bool SameBody(Entry entry, byte[] body) => CryptographicOperations.FixedTimeEquals(entry.BodyHash, SHA256.HashData(body));

    /// <summary>Forgets a key whose first attempt failed before acting, so a retry may act.</summary>
    public void Release(string scope, Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(scope, out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove(scope);
            }
        }

        entry.Response.TrySetResult(null);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
