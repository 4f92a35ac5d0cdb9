namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>A client that passes everything to a real one, each submission through a hook that decides when it goes.</summary>
internal sealed class SubmissionHookClient(ICoverClient inner, Func<Func<Task<ApplicationResult>>, CancellationToken, Task<ApplicationResult>> around) : ICoverClient
{
    private readonly HookedApplications applications = new(inner.Applications, around);

    public PoliciesClient Policies => inner.Policies;

    public BuyersClient Buyers => inner.Buyers;

    public ApplicationsClient Applications => applications;

    public DecisionsClient Decisions => inner.Decisions;

    public IndicationsClient Indications => inner.Indications;

    public ReportsClient Reports => inner.Reports;

    private sealed class HookedApplications(ApplicationsClient real, Func<Func<Task<ApplicationResult>>, CancellationToken, Task<ApplicationResult>> around) : ApplicationsClient
    {
        public override Task<ApplicationResult> SubmitAsync(CoverApplication application, CoverRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            around(() => real.SubmitAsync(application, options, cancellationToken), cancellationToken);

        public override CoverAsyncList<CoverDecision> ListPendingAsync(CoverQuery? query = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            real.ListPendingAsync(query, options, cancellationToken);
    }
}
