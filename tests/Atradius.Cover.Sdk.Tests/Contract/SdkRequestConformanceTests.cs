using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>
/// Every request the SDK can send is one the contract describes: a route and method the service has, with
/// only the query parameters, headers, credentials and body that operation declares. A route the contract
/// lacks would be answered 403 by the real gateway, so it fails here first.
/// </summary>
public sealed class SdkRequestConformanceTests
{
    private const long BuyerId = 10042317;
    private const long CoverId = 7000123;
    private const long IndicationId = 7000077;
    private static readonly Uri ServiceRoot = new("https://api.cover.test/");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(CoverTokenEndpointStyle.Atradius, true)]
    [InlineData(CoverTokenEndpointStyle.Atradius, false)]
    [InlineData(CoverTokenEndpointStyle.OAuth2, true)]
    [InlineData(CoverTokenEndpointStyle.OAuth2, false)]
    public async Task Every_operation_sends_only_requests_the_contract_describes(CoverTokenEndpointStyle style, bool policyConfigured)
    {
        var service = new ContractService
        {
            // A credit check is referred, so that the read-back of a referred application is sent too.
            ChooseStatus = (operation, request) =>
                operation.OperationId == "submitCoverApplication" && request.Body?.Contains("credit-check", StringComparison.Ordinal) == true ? "202" : null,
        };

        ExceptionDispatchInfo? failure = null;
        using (var client = CreateClient(service, style, policyConfigured))
        {
            try
            {
                await DriveEveryOperationAsync(client);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var report = new StringBuilder();
        foreach (var request in service.Requests)
        {
            var (operation, violations) = await ContractRequestChecker.CheckAsync(request, ServiceRoot);
            if (operation is not null)
            {
                used.Add(operation.OperationId);
            }

            foreach (var violation in violations)
            {
                report.Append(request).Append(": ").AppendLine(violation);
            }
        }

        Assert.True(report.Length == 0, "Requests the contract does not describe:" + Environment.NewLine + report);
        failure?.Throw();

        var otherTokenOperation = style == CoverTokenEndpointStyle.Atradius ? "requestOAuth2Token" : "requestAtradiusToken";
        var expected = ContractOperation.All.Select(o => o.OperationId).Where(id => id != otherTokenOperation).Order(StringComparer.Ordinal);
        Assert.Equal(expected, used.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("GET", "credit-insurance/cover-management/v1/covers/7000123?customerId=200417", null, "names no operation")]
    [InlineData("GET", "credit-insurance/cover-management/v1/covers/7000123/history?customerId=200417", null, "names no operation")]
    [InlineData("DELETE", "credit-insurance/cover-management/v1/covers", null, "names no operation")]
    [InlineData("GET", "credit-insurance/policy-management/v1/policies/details?customerId=200417", null, "does not declare")]
    [InlineData("GET", "credit-insurance/cover-management/v1/covers/decisions?customerId=200417&fromDate=2026-11-01T00:00:00", null, "does not declare")]
    [InlineData("GET", "credit-insurance/cover-management/v1/covers?customerId=200417&fromDate=2026-11-01T00:00:00Z", null, "query parameter fromDate")]
    [InlineData("GET", "credit-insurance/cover-management/v1/covers?customerId=abc", null, "not a number")]
    [InlineData("GET", "credit-insurance/organisation-management/v1/buyers?country=FR&uid=552100554&uidType=SN", null, "query parameter country")]
    [InlineData("GET", "credit-insurance/organisation-management/v1/buyers?country=FRA&uid=552100554&uidType=XX", null, "does not list")]
    [InlineData("GET", "credit-insurance/organisation-management/v1/buyers?country=FRA&uid=552100554", null, "required query parameter uidType")]
    [InlineData("GET", "credit-insurance/organisation-management/v1/buyers/my-buyers?customerId=200417&buyerRatingUpdatedAfter=01-11-2026", null, "buyerRatingUpdatedAfter")]
    [InlineData("POST", "credit-insurance/cover-management/v1/covers", """{"customerId":200417,"policyId":"5012345","coverType":"credit-limit","creditLimitAmount":50000}""", "body does not match")]
    [InlineData("PUT", "credit-insurance/cover-management/v1/covers", """{"action":"supersede","customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":1500}""", "body does not match")]
    [InlineData("PUT", "credit-insurance/cover-management/v1/covers", """{"action":"supersede","customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","effectFromDate":"2026-12-01T00:00:00+00:00"}""", "body does not match")]
    public async Task The_check_refuses_a_request_the_contract_does_not_describe(string method, string route, string? body, string expected)
    {
        var headers = Headers("Bearer tok-1");
        var request = new ContractRequest(new HttpMethod(method), new Uri(ServiceRoot, route), headers, body is null ? null : "application/json", body);

        var (_, violations) = await ContractRequestChecker.CheckAsync(request, ServiceRoot);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_check_refuses_an_api_call_without_a_bearer_token_app_key_or_correlation_id()
    {
        var route = new Uri(ServiceRoot, "credit-insurance/cover-management/v1/covers?customerId=200417");
        var complete = await ContractRequestChecker.CheckAsync(new ContractRequest(HttpMethod.Get, route, Headers("Bearer tok-1"), null, null), ServiceRoot);
        var basic = await ContractRequestChecker.CheckAsync(new ContractRequest(HttpMethod.Get, route, Headers("Basic Y2xpZW50OnNlY3JldA=="), null, null), ServiceRoot);
        var withoutKey = Headers("Bearer tok-1");
        withoutKey.Remove("Atradius-App-Key");
        var noKey = await ContractRequestChecker.CheckAsync(new ContractRequest(HttpMethod.Get, route, withoutKey, null, null), ServiceRoot);
        var withoutCorrelation = Headers("Bearer tok-1");
        withoutCorrelation.Remove(ContractRequestChecker.CorrelationIdHeader);
        var noCorrelation = await ContractRequestChecker.CheckAsync(new ContractRequest(HttpMethod.Get, route, withoutCorrelation, null, null), ServiceRoot);

        Assert.Empty(complete.Violations);
        Assert.Contains(basic.Violations, v => v.Contains("bearerAuth", StringComparison.Ordinal));
        Assert.Contains(noKey.Violations, v => v.Contains("appKey", StringComparison.Ordinal));
        Assert.Contains(noCorrelation.Violations, v => v.Contains(ContractRequestChecker.CorrelationIdHeader, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Headers(string authorization) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Authorization"] = authorization,
        ["Atradius-App-Key"] = "AppKey-77c6b5a4",
        [ContractRequestChecker.CorrelationIdHeader] = "5b0f1c1e-8f0e-4a8e-9d55-3c2f2b9d7a10",
    };

    private static CoverClient CreateClient(ContractService service, CoverTokenEndpointStyle style, bool policyConfigured)
    {
        var options = new CoverClientOptions
        {
            BaseAddress = ServiceRoot,
            TokenEndpoint = style == CoverTokenEndpointStyle.OAuth2 ? new Uri(ServiceRoot, "oauth2/token") : null,
            TokenEndpointStyle = style,
            ClientId = "client-one",
            ClientSecret = "S3cret-Value-0f9e8d",
            AppKey = "AppKey-77c6b5a4",
            CustomerId = 200417,
            PolicyId = policyConfigured ? "5012345" : null,
        };
        options.Resilience.BaseDelay = TimeSpan.Zero;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var http = CoverHttpClientFactory.CreateStandalone(options, null, time, service.Mock);
        return new CoverClient(http, options, NullLoggerFactory.Instance, time, ownsHttpClient: true);
    }

    /// <summary>Every public operation of the client, with every filter it can send.</summary>
    private static async Task DriveEveryOperationAsync(CoverClient client)
    {
        await client.Policies.GetAsync(cancellationToken: Ct);
        await client.Policies.GetAsync("5012345", cancellationToken: Ct);

        await client.Buyers.SearchAsync(BuyerSearch.ByIdentifier("FRA", "552100554", BuyerIdentifierType.Siren), cancellationToken: Ct);
        await client.Buyers.GetAsync(BuyerId, cancellationToken: Ct);
        await client.Buyers.ListMyBuyersAsync(cancellationToken: Ct).ToListAsync(Ct);
        var ratingWindow = new MyBuyersQuery { HealthChange = BuyerRatingChange.Down, RatingUpdatedAfter = new CoverDate(2026, 11, 1), RatingUpdatedBefore = new CoverDate(2026, 11, 30) };
        await client.Buyers.ListMyBuyersAsync(ratingWindow, cancellationToken: Ct).ToListAsync(Ct);

        var creditLimit = await client.Applications.SubmitAsync(
            new CoverApplication { BuyerId = BuyerId, CreditLimitAmount = 50000, CurrencyCode = "EUR", EffectFromDate = new CoverDate(2026, 12, 1), CustomerReference = "ERP-000184" },
            cancellationToken: Ct);
        var creditCheck = await client.Applications.SubmitAsync(
            new CoverApplication { BuyerId = BuyerId, CoverType = CoverType.CreditCheck, CurrencyCode = "EUR", CustomerReference = "ERP-000185" },
            cancellationToken: Ct);
        Assert.Equal((CoverId, false), (creditLimit.CoverId, creditLimit.DetailsUnavailable));
        Assert.Equal((CoverId, ApplicationOutcome.Referred), (creditCheck.CoverId, creditCheck.Outcome));
        await client.Applications.GetOperation(CoverId, BuyerId).UpdateStatusAsync(Ct);

        var filters = new CoverQuery { BuyerId = BuyerId, CoverType = CoverType.CreditLimit, PolicyId = "5012345" };
        await client.Applications.ListPendingAsync(cancellationToken: Ct).ToListAsync(Ct);
        await client.Applications.ListPendingAsync(filters, cancellationToken: Ct).ToListAsync(Ct);
        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);
        var changedSince = new CoverQuery { BuyerId = BuyerId, CoverType = CoverType.CreditLimit, PolicyId = "5012345", ChangedSince = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.FromHours(1)) };
        await client.Decisions.ListAsync(changedSince, cancellationToken: Ct).ToListAsync(Ct);
        await client.Decisions.ListDecidedAsync(cancellationToken: Ct).ToListAsync(Ct);
        await client.Decisions.ListDecidedAsync(filters, cancellationToken: Ct).ToListAsync(Ct);
        await client.Decisions.ListHistoricAsync(cancellationToken: Ct).ToListAsync(Ct);
        await client.Decisions.ListHistoricAsync(filters, cancellationToken: Ct).ToListAsync(Ct);
        await client.Decisions.GetAsync(BuyerId, CoverId, cancellationToken: Ct);
        await client.Decisions.GetHistoryAsync(BuyerId, cancellationToken: Ct);
        await client.Decisions.GetHistoryAsync(BuyerId, CoverId, cancellationToken: Ct);

        var key = new CoverKey(BuyerId, CoverType.CreditLimit);
        await client.Decisions.IncreaseAsync(key, 90000, "EUR", cancellationToken: Ct);
        await client.Decisions.ReduceAsync(key, 40000, cancellationToken: Ct);
        await client.Decisions.CancelAsync(new CoverKey(BuyerId, CoverType.CreditLimit, "5012345", 200417), cancellationToken: Ct);
        await client.Decisions.UpdateCustomerReferenceAsync(key, "ERP-000200", cancellationToken: Ct);

        await client.Indications.ListAsync(cancellationToken: Ct).ToListAsync(Ct);
        await client.Indications.ListAsync(new CoverQuery { BuyerId = BuyerId, ChangedSince = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) }, cancellationToken: Ct).ToListAsync(Ct);
        await client.Indications.ConvertToCreditLimitAsync(IndicationId, cancellationToken: Ct);

        await client.Reports.CreatePortfolioReportAsync(cancellationToken: Ct);
    }
}
