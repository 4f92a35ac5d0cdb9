namespace Atradius.Cover.Sdk.Sandbox.Persistence;

/// <summary>
/// One running sandbox's hold on its state file, taken at start and given up once the state is saved on dispose. Two
/// sandboxes on one file would each load it, answer from their own copy and save over the other's on dispose: the
/// covers one of them made would be gone from the file without a word. The hold is an exclusive open of a file beside
/// the state file (<c>state.json.lock</c>), which the operating system gives up when the process ends, even killed.
/// The state file itself cannot carry it: a save replaces it by renaming a new file over it.
/// </summary>
internal sealed class StateFileLock : IDisposable
{
    private readonly FileStream _held;

    private StateFileLock(FileStream held) => _held = held;

    /// <summary>Holds <paramref name="statePath"/> for this sandbox.</summary>
    /// <exception cref="IOException">Another sandbox, in this process or another, holds the file, or its lock file cannot be opened; the message names both.</exception>
    /// <exception cref="DirectoryNotFoundException">The state file's folder does not exist, so the state could never be saved.</exception>
    public static StateFileLock Take(string statePath)
    {
        var lockPath = statePath + ".lock";
        try
        {
            return new StateFileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (IOException error) when (error is not (DirectoryNotFoundException or PathTooLongException))
        {
            throw new IOException(
                $"The state file {statePath} is in use by another running sandbox, which holds {lockPath}, or that file cannot be opened ({error.Message}). Dispose the other sandbox first, or give this one a state file of its own.",
                error);
        }
    }

    /// <summary>Gives the state file up. The lock file stays: deleting it could let two sandboxes hold two files of one name.</summary>
    public void Dispose() => _held.Dispose();
}
