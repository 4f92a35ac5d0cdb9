using System.Text.Json;
using Atradius.Cover.Sdk.Tests.Support;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Validation;

/// <summary>
/// The service does not accept blanks around an identifier: policy ids and customer references are sent without them,
/// their length limits count what is sent, and one that is nothing but blanks is refused by name before any request.
/// </summary>
public sealed class BlanksAroundIdentifiersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_application_is_sent_with_its_policy_id_and_reference_trimmed_and_the_callers_object_left_as_it_was()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9100)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9100, reference: "REF-1"))));
        var application = new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, PolicyId = " 123 ", CustomerReference = "REF-1 " };

        var result = await api.Client.Applications.SubmitAsync(application, cancellationToken: Ct);

        using var body = JsonDocument.Parse(api.Requests.Single(r => r.Method == HttpMethod.Post).Body!);
        Assert.Equal("123", body.RootElement.GetProperty("policyId").GetString());
        Assert.Equal("REF-1", body.RootElement.GetProperty("customerRefNumber").GetString());
        Assert.Contains("policyId=123&", api.Requests.Single(r => r.Method == HttpMethod.Get).Uri.Query, StringComparison.Ordinal);
        Assert.Equal(9100, result.CoverId);
        Assert.Equal(" 123 ", application.PolicyId);
        Assert.Equal("REF-1 ", application.CustomerReference);
    }

    [Fact]
    public async Task A_change_is_sent_and_looked_up_under_the_keys_policy_id_trimmed()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9201)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9201, amount: 80000, decided: 80000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Decisions.IncreaseAsync(new CoverKey(77, CoverType.CreditLimit, " 123 "), 80000, cancellationToken: Ct);

        using var body = JsonDocument.Parse(api.Requests.Single(r => r.Method == HttpMethod.Put).Body!);
        Assert.Equal("123", body.RootElement.GetProperty("policyId").GetString());
        Assert.All(api.Requests.Where(r => r.Method == HttpMethod.Get), r => Assert.StartsWith("?policyId=123&", r.Uri.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_reference_is_sent_trimmed()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9212)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9212, reference: "REF-1"))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Decisions.UpdateCustomerReferenceAsync(new CoverKey(77, CoverType.CreditLimit), " REF-1 ", cancellationToken: Ct);

        using var body = JsonDocument.Parse(api.Requests.Single(r => r.Method == HttpMethod.Put).Body!);
        Assert.Equal("REF-1", body.RootElement.GetProperty("customerRefNumber").GetString());
    }

    [Fact]
    public async Task Reads_filter_by_the_policy_id_trimmed()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, PolicyUrl).Respond(_ => Answer(200, """{"data":{"policyId":"123","policyStatus":"live"}}"""));
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/my-buyers").Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Policies.GetAsync(" 123 ", cancellationToken: Ct);
        await api.Client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { PolicyId = " 123 " }, cancellationToken: Ct).ToListAsync(Ct);
        await api.Client.Decisions.ListAsync(new CoverQuery { PolicyId = "123 " }, cancellationToken: Ct).ToListAsync(Ct);
        await api.Client.Applications.ListPendingAsync(new CoverQuery { PolicyId = " 123" }, cancellationToken: Ct).ToListAsync(Ct);
        await api.Client.Decisions.GetAsync(77, 9300, policyId: " 123 ", cancellationToken: Ct);
        await api.Client.Decisions.GetHistoryAsync(77, policyId: " 123 ", cancellationToken: Ct);

        Assert.True(api.Requests.Count >= 7);
        Assert.All(api.Requests, r => Assert.Matches("^\\?policyId=123(&|$)", r.Uri.Query));
    }

    [Fact]
    public async Task An_operation_follows_the_application_under_the_policy_id_trimmed()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9400, status: "REFERRED"))));

        await api.Client.Applications.GetOperation(9400, 77, policyId: " 123 ").UpdateStatusAsync(Ct);

        Assert.All(api.Requests, r => Assert.StartsWith("?policyId=123&", r.Uri.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Length_limits_count_the_identifier_without_the_blanks_around_it()
    {
        var policy20 = new string('7', 20);
        var reference35 = new string('R', 35);
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(201, ActionJson(9100)));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson(CoverJson(9100, reference: reference35))));

        await api.Client.Applications.SubmitAsync(
            new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, PolicyId = "  " + policy20 + "  ", CustomerReference = " " + reference35 + " " },
            cancellationToken: Ct);
        var tooLong = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.Client.Applications.SubmitAsync(
            new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, PolicyId = " " + policy20 + "7 " },
            cancellationToken: Ct));

        using var body = JsonDocument.Parse(api.Requests.Single(r => r.Method == HttpMethod.Post).Body!);
        Assert.Equal(policy20, body.RootElement.GetProperty("policyId").GetString());
        Assert.Equal(reference35, body.RootElement.GetProperty("customerRefNumber").GetString());
        Assert.Equal("application.PolicyId", tooLong.ParamName);
        Assert.Contains("it has 21", tooLong.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submit", "application.PolicyId")]
    [InlineData("submit", "application.CustomerReference")]
    [InlineData("increase", "key.PolicyId")]
    [InlineData("cancel", "key.PolicyId")]
    [InlineData("reference", "reference")]
    [InlineData("policy", "policyId")]
    [InlineData("get", "policyId")]
    [InlineData("history", "policyId")]
    [InlineData("convert", "policyId")]
    [InlineData("operation", "policyId")]
    [InlineData("list", "query.PolicyId")]
    [InlineData("my-buyers", "query.PolicyId")]
    public async Task An_identifier_of_only_blanks_is_refused_by_name_before_any_request(string call, string argument)
    {
        using var api = new CoverApi();
        var client = api.Client;
        const string Blanks = " \t ";
        Func<Task> send = call switch
        {
            "submit" => () => client.Applications.SubmitAsync(
                new CoverApplication { BuyerId = 77, CreditLimitAmount = 50000, PolicyId = argument == "application.PolicyId" ? Blanks : null, CustomerReference = argument == "application.CustomerReference" ? Blanks : null },
                cancellationToken: Ct),
            "increase" => () => client.Decisions.IncreaseAsync(new CoverKey(77, CoverType.CreditLimit, Blanks), 80000, cancellationToken: Ct),
            "cancel" => () => client.Decisions.CancelAsync(new CoverKey(77, CoverType.CreditLimit, Blanks), cancellationToken: Ct),
            "reference" => () => client.Decisions.UpdateCustomerReferenceAsync(new CoverKey(77, CoverType.CreditLimit), Blanks, cancellationToken: Ct),
            "policy" => () => client.Policies.GetAsync(Blanks, cancellationToken: Ct),
            "get" => () => client.Decisions.GetAsync(77, 9300, policyId: Blanks, cancellationToken: Ct),
            "history" => () => client.Decisions.GetHistoryAsync(77, policyId: Blanks, cancellationToken: Ct),
            "convert" => () => client.Indications.ConvertToCreditLimitAsync(9500, policyId: Blanks, cancellationToken: Ct),
            "operation" => () => Task.FromResult(client.Applications.GetOperation(9400, 77, policyId: Blanks)),
            "list" => () => client.Decisions.ListAsync(new CoverQuery { PolicyId = Blanks }, cancellationToken: Ct).ToListAsync(Ct),
            _ => () => client.Buyers.ListMyBuyersAsync(new MyBuyersQuery { PolicyId = Blanks }, cancellationToken: Ct).ToListAsync(Ct),
        };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(send);

        Assert.IsNotType<ArgumentNullException>(error);
        Assert.Equal(argument, error.ParamName);
        Assert.Contains("only blanks", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void A_report_definition_counts_its_policy_id_without_blanks_and_refuses_one_of_only_blanks()
    {
        new CoverReportDefinition { PolicyId = " " + new string('7', 20) + " " }.Validate();

        var error = Assert.ThrowsAny<ArgumentException>(() => new CoverReportDefinition { PolicyId = "  " }.Validate());

        Assert.Equal("definition.PolicyId", error.ParamName);
    }

    [Fact]
    public async Task The_clients_configured_policy_id_is_sent_trimmed()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Options.PolicyId = " 5012345 ";
        using var client = new CoverClient(api.Options, api.Recorder);

        await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Contains("policyId=5012345&", api.Requests.Single().Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void The_clients_configured_policy_id_is_counted_without_blanks_and_refused_when_only_blanks()
    {
        var fits = Options(" " + new string('7', 20) + " ");
        using var client = new CoverClient(fits);

        var blank = Assert.Throws<OptionsValidationException>(() => new CoverClient(Options("   ")));
        var tooLong = Assert.Throws<OptionsValidationException>(() => new CoverClient(Options(new string('7', 21))));

        Assert.Contains("PolicyId", blank.Message, StringComparison.Ordinal);
        Assert.Contains("PolicyId", tooLong.Message, StringComparison.Ordinal);

        static CoverClientOptions Options(string policyId) =>
            new() { BaseAddress = new Uri(Base), ClientId = "c", ClientSecret = "s", AppKey = "k", CustomerId = 1, PolicyId = policyId };
    }
}
