namespace Atradius.Cover.Sdk;

/// <summary>One change a portfolio sync hands to its handler.</summary>
public sealed class CoverPortfolioChange
{
    /// <summary>Creates a change.</summary>
    /// <param name="kind">What kind of change this is.</param>
    /// <param name="current">The cover as it is now.</param>
    /// <param name="previous">The cover as the sync last knew it, or null when it had not seen it.</param>
    /// <param name="isInitialLoad">Whether the change comes from the first, full load of the portfolio.</param>
    public CoverPortfolioChange(CoverChangeKind kind, CoverSnapshot current, CoverSnapshot? previous, bool isInitialLoad)
    {
        Kind = kind;
        Current = current ?? throw new ArgumentNullException(nameof(current));
        Previous = previous;
        IsInitialLoad = isInitialLoad;
    }

    /// <summary>What kind of change this is.</summary>
    public CoverChangeKind Kind { get; }

    /// <summary>The cover as it is now.</summary>
    public CoverSnapshot Current { get; }

    /// <summary>The cover as the sync last knew it, or null when it had not seen it before.</summary>
    public CoverSnapshot? Previous { get; }

    /// <summary>
    /// Whether the change comes from the first, full load of the portfolio (every cover is then new to the sync,
    /// which a handler may want to treat as an import rather than as news).
    /// </summary>
    public bool IsInitialLoad { get; }

    /// <summary>
    /// The full decision as the service returned it (amounts, conditions, dates, notes); null only when the change was
    /// built from a <see cref="CoverSnapshot"/> alone, as in tests.
    /// </summary>
    public CoverDecision? Decision => Current.Decision;

    /// <summary>Id of the changed cover.</summary>
    public long CoverId => Current.CoverId;

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Current}";
}
