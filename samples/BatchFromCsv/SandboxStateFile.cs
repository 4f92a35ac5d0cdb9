using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Samples.BatchFromCsv;

/// <summary>
/// The file the sandbox started in this process keeps its state in (sandbox-state.json beside batch.db), so that a run
/// after a crash or a kill continues against the service state the batch record was written against. A real service
/// keeps what it did; a sandbox started afresh would hold none of the covers an earlier run made, and a re-run would
/// look for an item left in flight among no covers and send it again, and report items done with cover ids it never made.
/// </summary>
public sealed class SandboxStateFile : IDisposable
{
    // One save at a time: each save's snapshot is then written after every earlier one, so the file never goes back to
    // a state older than an answer already passed on to the client.
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly CoverSandbox _sandbox;

    /// <summary>Keeps the state of <paramref name="sandbox"/> in the file at <paramref name="path"/>.</summary>
    public SandboxStateFile(CoverSandbox sandbox, string path)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _sandbox = sandbox;
        Path = path;
    }

    /// <summary>The name the state file has in an output folder.</summary>
    public const string FileName = "sandbox-state.json";

    /// <summary>Where the state is kept.</summary>
    public string Path { get; }

    /// <summary>
    /// A handler, next to the socket, that writes the state after every answer to a write (anything but GET and HEAD)
    /// and only then passes the answer on. The sandbox saves its state when it is disposed, which a killed process never
    /// reaches; saved here, before the batch runner reads an answer, the file holds every cover the batch record can name,
    /// and a cover the kill took with it was never answered, so its item is still in flight and is sent again.
    /// </summary>
    public DelegatingHandler SaveAfterWrites() => new SavingHandler(this);

    /// <inheritdoc/>
    public void Dispose() => _saving.Dispose();

    private async Task SaveAsync()
    {
        await _saving.WaitAsync();
        try
        {
            // Not cancelled with the request: the sandbox has already done what the request asked.
            await _sandbox.SaveAsync(Path, CancellationToken.None);
        }
        finally
        {
            _saving.Release();
        }
    }

    private sealed class SavingHandler(SandboxStateFile file) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            // A read changes nothing the batch record depends on: a referral the sandbox decides on reading stays
            // scheduled in the saved state and is decided again, the same way, after a reload.
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
            {
                try
                {
                    await file.SaveAsync();
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }

            return response;
        }
    }
}
