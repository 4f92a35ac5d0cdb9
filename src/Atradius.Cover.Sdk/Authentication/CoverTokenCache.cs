using System.Collections.Concurrent;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Tokens held in this process, one slot per <see cref="CoverTokenCacheKey"/>. Each slot has its own gate,
/// so that one renewal runs at a time per token however many calls wait for it.
/// </summary>
internal sealed class CoverTokenCache
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public Slot GetSlot(string key) => _slots.GetOrAdd(key, _ => new Slot());

    internal sealed class Slot
    {
        private CoverAccessToken? _current;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public CoverAccessToken? Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }

        /// <summary>Drops <paramref name="rejected"/> if it is still the current token, so that no other caller is handed it.</summary>
        public void Drop(string rejected)
        {
            var current = Current;
            if (current is not null && string.Equals(current.Value, rejected, StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref _current, null, current);
            }
        }
    }
}
