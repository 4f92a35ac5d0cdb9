namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// What a sync knows of each cover while it reads the lists: the stored fingerprint of every cover the store knew
/// and whether this sync has seen it, and the covers new to the store.
/// </summary>
/// <remarks>
/// The known covers are kept in sorted arrays (17 bytes a cover), the new ones in a set of ids (about 20 bytes a
/// cover): a dictionary of both cost about 36 bytes a cover, and twice that while it grew, which showed in the peak
/// memory of a first sync of 100,000 covers.
/// </remarks>
internal sealed class CoverFingerprintMap
{
    private readonly HashSet<long> _new = [];
    private long[] _ids = [];
    private long[] _fingerprints = [];
    private bool[] _seen = [];
    private int _count;

    /// <summary>Adds a cover the store knows; the store hands them out in cover id order.</summary>
    public void AddKnown(long coverId, long fingerprint)
    {
        if (_count == _ids.Length)
        {
            var capacity = Math.Max(1024, _count * 2);
            Array.Resize(ref _ids, capacity);
            Array.Resize(ref _fingerprints, capacity);
        }

        _ids[_count] = coverId;
        _fingerprints[_count] = fingerprint;
        _count++;
    }

    /// <summary>Makes the known covers searchable; called once, after the last <see cref="AddKnown"/>.</summary>
    public void Seal()
    {
        Array.Resize(ref _ids, _count);
        Array.Resize(ref _fingerprints, _count);
        for (var i = 1; i < _count; i++)
        {
            if (_ids[i - 1] >= _ids[i])
            {
                // A store that does not keep the promised order still gets a correct map.
                Array.Sort(_ids, _fingerprints);
                break;
            }
        }

        _seen = new bool[_count];
    }

    /// <summary>Records that this sync read the cover with this fingerprint.</summary>
    /// <returns>
    /// <see cref="Observation.AlreadySeen"/> when this sync read the cover before (the first read counts),
    /// <see cref="Observation.Unchanged"/> when the store holds this fingerprint, otherwise whether it is new or changed.
    /// </returns>
    public Observation Observe(long coverId, long fingerprint)
    {
        var index = Array.BinarySearch(_ids, coverId);
        if (index < 0)
        {
            return _new.Add(coverId) ? Observation.New : Observation.AlreadySeen;
        }

        if (_seen[index])
        {
            return Observation.AlreadySeen;
        }

        _seen[index] = true;
        var stored = _fingerprints[index];
        _fingerprints[index] = fingerprint;
        return stored == fingerprint ? Observation.Unchanged : Observation.Changed;
    }

    /// <summary>The covers the store knew as not ended that this sync has not read.</summary>
    public IEnumerable<long> UnseenCurrent()
    {
        for (var i = 0; i < _count; i++)
        {
            if (!_seen[i] && !CoverFingerprints.IsHistoric(_fingerprints[i]))
            {
                yield return _ids[i];
            }
        }
    }

    /// <summary>What reading a cover meant.</summary>
    public enum Observation
    {
        /// <summary>The store does not know the cover.</summary>
        New,

        /// <summary>The store knows the cover with another fingerprint.</summary>
        Changed,

        /// <summary>The store knows the cover with this fingerprint.</summary>
        Unchanged,

        /// <summary>This sync read the cover before.</summary>
        AlreadySeen,
    }
}
