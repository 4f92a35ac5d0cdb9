namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Keeps every change it is handed; can be told to fail on a given one.</summary>
internal sealed class RecordingHandler : ICoverChangeHandler
{
    public List<CoverPortfolioChange> Changes { get; } = [];

    public Func<CoverPortfolioChange, bool>? FailOn { get; set; }

    public Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken)
    {
        if (FailOn?.Invoke(change) == true)
        {
            FailOn = null;
            throw new InvalidOperationException("handler failed");
        }

        Changes.Add(change);
        return Task.CompletedTask;
    }

    public IReadOnlyList<CoverChangeKind> KindsFor(long coverId) => Changes.Where(c => c.CoverId == coverId).Select(c => c.Kind).ToList();

    public void Clear() => Changes.Clear();
}
