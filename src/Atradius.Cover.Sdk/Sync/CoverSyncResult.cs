namespace Atradius.Cover.Sdk;

/// <summary>What one run of a portfolio sync did.</summary>
public sealed class CoverSyncResult
{
    internal CoverSyncResult(bool wasInitialLoad, int pagesRead, int changesDelivered, int duplicatesSkipped, CoverSyncCheckpoint checkpoint)
    {
        WasInitialLoad = wasInitialLoad;
        PagesRead = pagesRead;
        ChangesDelivered = changesDelivered;
        DuplicatesSkipped = duplicatesSkipped;
        Checkpoint = checkpoint;
    }

    /// <summary>Whether this run loaded (or resumed loading) the whole portfolio.</summary>
    public bool WasInitialLoad { get; }

    /// <summary>Pages fetched from the service.</summary>
    public int PagesRead { get; }

    /// <summary>Changes handed to the handler.</summary>
    public int ChangesDelivered { get; }

    /// <summary>Covers seen again at a version already handed over (from the overlap window) and left out.</summary>
    public int DuplicatesSkipped { get; }

    /// <summary>The checkpoint saved at the end of the run.</summary>
    public CoverSyncCheckpoint Checkpoint { get; }
}
