using Atradius.Cover.Sdk.IntegrationTests.Support;

namespace Atradius.Cover.Sdk.IntegrationTests.BadInput;

/// <summary>Every public method of the facade refuses bad arguments with an ArgumentException naming them, before sending anything.</summary>
public sealed class ArgumentValidationTests
{
    private static readonly string Huge = new('x', 100_000);

    private static CoverApplication Valid() => new() { CustomerId = 200417, PolicyId = "5012345", BuyerId = 10042317, CreditLimitAmount = 10_000m, CurrencyCode = "EUR" };

    private static CoverApplication With(Action<CoverApplication> change)
    {
        var application = Valid();
        change(application);
        return application;
    }

    public static TheoryData<string, string, Func<ICoverClient, Task>> Cases()
    {
        var ct = CancellationToken.None;
        var data = new TheoryData<string, string, Func<ICoverClient, Task>>();
        void Add(string name, string parameter, Func<ICoverClient, Task> call) => data.Add(name, parameter, call);
        async Task First<T>(IAsyncEnumerable<T> items)
        {
            await foreach (var _ in items)
            {
                break;
            }
        }

        // Buyers
        Add("search null", "search", c => First(c.Buyers.SearchAsync(null!, ct)));
        Add("search empty", "search", c => First(c.Buyers.SearchAsync(new BuyerSearch(), ct)));
        Add("search name whitespace", "search.Name", c => First(c.Buyers.SearchAsync(BuyerSearch.ByName("   "), ct)));
        Add("search name huge", "search.Name", c => First(c.Buyers.SearchAsync(BuyerSearch.ByName(Huge), ct)));
        Add("search country wrong format", "search.CountryCode", c => First(c.Buyers.SearchAsync(BuyerSearch.ByIdentifier("nl", "NL859338221B01", BuyerIdentifierType.Vat), ct)));
        Add("search identifier empty", "search.Identifier", c => First(c.Buyers.SearchAsync(BuyerSearch.ByIdentifier("NLD", "", BuyerIdentifierType.Vat), ct)));
        Add("search page size 0", "search.PageSize", c => First(c.Buyers.SearchAsync(new BuyerSearch { Name = "Tulip", PageSize = 0 }, ct)));
        Add("search page size 1001", "search.PageSize", c => First(c.Buyers.SearchAsync(new BuyerSearch { Name = "Tulip", PageSize = 1001 }, ct)));
        Add("buyer id 0", "buyerId", c => c.Buyers.GetAsync(0, ct));
        Add("buyer id negative", "buyerId", c => c.Buyers.GetAsync(-1, ct));

        // Applications
        Add("submit null", "application", c => c.Applications.SubmitAsync(null!, ct));
        Add("customer id 0", "application.CustomerId", c => c.Applications.SubmitAsync(With(a => a.CustomerId = 0), ct));
        Add("policy null", "application.PolicyId", c => c.Applications.SubmitAsync(With(a => a.PolicyId = null), ct));
        Add("policy whitespace", "application.PolicyId", c => c.Applications.SubmitAsync(With(a => a.PolicyId = " "), ct));
        Add("policy huge", "application.PolicyId", c => c.Applications.SubmitAsync(With(a => a.PolicyId = Huge), ct));
        Add("buyer id negative", "application.BuyerId", c => c.Applications.SubmitAsync(With(a => a.BuyerId = -5), ct));
        Add("amount missing", "application.CreditLimitAmount", c => c.Applications.SubmitAsync(With(a => a.CreditLimitAmount = null), ct));
        Add("amount zero", "application.CreditLimitAmount", c => c.Applications.SubmitAsync(With(a => a.CreditLimitAmount = 0), ct));
        Add("amount not a multiple of 1000", "application.CreditLimitAmount", c => c.Applications.SubmitAsync(With(a => a.CreditLimitAmount = 1_500m), ct));
        Add("amount negative", "application.CreditLimitAmount", c => c.Applications.SubmitAsync(With(a => a.CreditLimitAmount = -1_000m), ct));
        Add("amount on a credit check", "application.CreditLimitAmount", c => c.Applications.SubmitAsync(With(a => a.CoverType = CoverType.CreditCheck), ct));
        Add("currency null", "application.CurrencyCode", c => c.Applications.SubmitAsync(With(a => a.CurrencyCode = null), ct));
        Add("currency lower case", "application.CurrencyCode", c => c.Applications.SubmitAsync(With(a => a.CurrencyCode = "eur"), ct));
        Add("currency too long", "application.CurrencyCode", c => c.Applications.SubmitAsync(With(a => a.CurrencyCode = "EURO"), ct));
        Add("cover type unknown", "application.CoverType", c => c.Applications.SubmitAsync(With(a => a.CoverType = CoverType.FromString("guarantee")), ct));
        Add("effect date in the past", "application.EffectFromDate", c => c.Applications.SubmitAsync(With(a => a.EffectFromDate = new DateOnly(2000, 1, 1)), ct));
        Add("reference whitespace", "application.CustomerReference", c => c.Applications.SubmitAsync(With(a => a.CustomerReference = "  "), ct));
        Add("reference huge", "application.CustomerReference", c => c.Applications.SubmitAsync(With(a => a.CustomerReference = Huge), ct));
        Add("idempotency key huge", "application.IdempotencyKey", c => c.Applications.SubmitAsync(With(a => a.IdempotencyKey = Huge), ct));
        Add("idempotency key empty", "application.IdempotencyKey", c => c.Applications.SubmitAsync(With(a => a.IdempotencyKey = ""), ct));
        Add("application get 0", "coverId", c => c.Applications.GetAsync(0, ct));
        Add("wait 0", "coverId", c => c.Applications.WaitForDecisionAsync(0, ct));
        Add("wait poll interval negative", "options.PollInterval", c => c.Applications.WaitForDecisionAsync(1, new CoverWaitOptions { PollInterval = TimeSpan.FromSeconds(-1) }, ct));
        Add("wait timeout zero", "options.Timeout", c => c.Applications.WaitForDecisionAsync(1, new CoverWaitOptions { Timeout = TimeSpan.Zero }, ct));
        Add("pending page size 0", "query.PageSize", c => First(c.Applications.ListPendingAsync(new DecisionQuery { PageSize = 0 }, ct)));
        Add("pending cover type", "query.CoverType", c => First(c.Applications.ListPendingAsync(new DecisionQuery { CoverType = CoverType.CreditLimit }, ct)));

        // Decisions
        Add("list page size 5000", "query.PageSize", c => First(c.Decisions.ListAsync(new DecisionQuery { PageSize = 5000 }, ct)));
        Add("list policy whitespace", "query.PolicyId", c => First(c.Decisions.ListAsync(new DecisionQuery { PolicyId = "  " }, ct)));
        Add("list customer negative", "query.CustomerId", c => First(c.Decisions.ListAsync(new DecisionQuery { CustomerId = -1 }, ct)));
        Add("list buyer 0", "query.BuyerId", c => First(c.Decisions.ListAsync(new DecisionQuery { BuyerId = 0 }, ct)));
        Add("historic page size -1", "query.PageSize", c => First(c.Decisions.ListHistoricAsync(new DecisionQuery { PageSize = -1 }, ct)));
        Add("new page size 0", "query.PageSize", c => First(c.Decisions.ListNewAsync(DateTimeOffset.UtcNow.AddDays(-1), new DecisionQuery { PageSize = 0 }, ct)));
        Add("decision get 0", "coverId", c => c.Decisions.GetAsync(0, ct));
        Add("history 0", "coverId", c => First(c.Decisions.GetHistoryAsync(0, ct)));
        Add("increase id 0", "coverId", c => c.Decisions.IncreaseAsync(0, 10_000m, ct));
        Add("increase amount 0", "newAmount", c => c.Decisions.IncreaseAsync(1, 0m, ct));
        Add("increase amount odd", "newAmount", c => c.Decisions.IncreaseAsync(1, 1_234.5m, ct));
        Add("reduce id negative", "coverId", c => c.Decisions.ReduceAsync(-1, 10_000m, ct));
        Add("reduce amount negative", "newAmount", c => c.Decisions.ReduceAsync(1, -1_000m, ct));
        Add("cancel id 0", "coverId", c => c.Decisions.CancelAsync(0, ct));
        Add("reference id 0", "coverId", c => c.Decisions.UpdateCustomerReferenceAsync(0, "REF", ct));
        Add("reference huge", "customerReference", c => c.Decisions.UpdateCustomerReferenceAsync(1, Huge, ct));
        Add("reference whitespace", "customerReference", c => c.Decisions.UpdateCustomerReferenceAsync(1, "   ", ct));
        Add("change idempotency key huge", "options.IdempotencyKey", c => c.Decisions.CancelAsync(1, new CoverRequestOptions { IdempotencyKey = Huge }, ct));

        // Indications
        Add("indications page size 0", "query.PageSize", c => First(c.Indications.ListAsync(new DecisionQuery { PageSize = 0 }, ct)));
        Add("convert id 0", "coverId", c => c.Indications.ConvertToCreditLimitAsync(0, ct));
        Add("convert idempotency key whitespace", "options.IdempotencyKey", c => c.Indications.ConvertToCreditLimitAsync(1, new CoverRequestOptions { IdempotencyKey = " " }, ct));

        // Batches: refused before sending too, but SubmitBatchAsync names its arguments 'applications' and
        // 'MaxConcurrency' where the caller wrote 'items' and 'options.MaxConcurrency'; left to the batch owners.
        Add("batch concurrency 65", "MaxConcurrency", c => c.Applications.SubmitBatchAsync([Valid()], new CoverBatchOptions { MaxConcurrency = 65 }, ct));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_arguments_are_refused_naming_the_argument_and_nothing_is_sent(string name, string parameter, Func<ICoverClient, Task> call)
    {
        await using var mock = new MockCover();
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(mock.Client));
        Assert.True(parameter == error.ParamName, $"{name}: expected ParamName '{parameter}', got '{error.ParamName}' ({error.Message})");
        Assert.Equal(0, mock.ApiRequests);
    }
}
