namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>A client that passes everything to a real one and counts how many submissions are in flight at once.</summary>
internal sealed class CountingCoverClient(ICoverClient inner) : ICoverClient
{
    private readonly CountingApplications applications = new(inner.Applications);

    public int MaxConcurrentSubmissions => applications.Max;

    public int Submissions => applications.Count;

    public PoliciesClient Policies => inner.Policies;

    public BuyersClient Buyers => inner.Buyers;

    public ApplicationsClient Applications => applications;

    public DecisionsClient Decisions => inner.Decisions;

    public IndicationsClient Indications => inner.Indications;

    public ReportsClient Reports => inner.Reports;

    private sealed class CountingApplications(ApplicationsClient real) : ApplicationsClient
    {
        private int current;
        private int max;
        private int count;

        public int Max => Volatile.Read(ref max);

        public int Count => Volatile.Read(ref count);

        public override async Task<ApplicationResult> SubmitAsync(CoverApplication application, CoverRequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref current);
            Interlocked.Increment(ref count);
            int seen;
            while ((seen = Volatile.Read(ref max)) < now && Interlocked.CompareExchange(ref max, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(20, cancellationToken);
                return await real.SubmitAsync(application, options, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref current);
            }
        }

        public override CoverAsyncList<CoverDecision> ListPendingAsync(CoverQuery? query = null, CoverRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            real.ListPendingAsync(query, options, cancellationToken);
    }
}
