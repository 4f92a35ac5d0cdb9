namespace Atradius.Cover.Sdk;

/// <summary>Receives the files of a scheduled report: a folder, a mail, a blob container, an ERP inbox.</summary>
public interface ICoverReportSink
{
    /// <summary>Delivers one report's files.</summary>
    /// <param name="report">The report, for its name, time and figures.</param>
    /// <param name="documents">The rendered files.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when delivered.</returns>
    Task DeliverAsync(CoverPortfolioReport report, IReadOnlyList<CoverReportDocument> documents, CancellationToken cancellationToken = default);
}
