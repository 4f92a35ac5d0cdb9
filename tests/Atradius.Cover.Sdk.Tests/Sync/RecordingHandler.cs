using Atradius.Cover.Sdk;

namespace Atradius.Cover.Sdk.Tests.Sync;

internal sealed class RecordingHandler : ICoverChangeHandler
{
    public List<CoverPortfolioChange> Received { get; } = new();

    public Func<IReadOnlyList<CoverPortfolioChange>, bool>? FailWhen { get; set; }

    public Task HandleAsync(IReadOnlyList<CoverPortfolioChange> changes, CancellationToken cancellationToken = default)
    {
        if (FailWhen?.Invoke(changes) == true)
        {
            throw new InvalidOperationException("handler failed");
        }

        Received.AddRange(changes);
        return Task.CompletedTask;
    }
}
