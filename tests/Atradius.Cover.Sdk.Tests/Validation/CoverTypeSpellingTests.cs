using System.Text.Json;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Validation;

/// <summary>
/// Cover types compare without regard to case, but the service writes them in lower case and whether its list filters
/// ignore case is not known: a known type is sent in the service's spelling wherever it is sent, as it always was in a
/// request body.
/// </summary>
public sealed class CoverTypeSpellingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_list_filter_sends_a_known_type_in_the_services_spelling_and_another_as_written()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        await api.Client.Decisions.ListAsync(new CoverQuery { CoverType = new CoverType("Credit-Limit") }, cancellationToken: Ct).ToListAsync(Ct);
        await api.Client.Decisions.ListAsync(new CoverQuery { CoverType = new CoverType(" CREDIT-CHECK ") }, cancellationToken: Ct).ToListAsync(Ct);
        await api.Client.Decisions.ListAsync(new CoverQuery { CoverType = new CoverType("Surety-Bond") }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(
            ["coverType=credit-limit", "coverType=credit-check", "coverType=Surety-Bond"],
            api.Requests.Select(r => r.Uri.Query.Split('&').Single(p => p.StartsWith("coverType=", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_change_on_a_key_written_in_capitals_looks_its_cover_up_in_the_services_spelling()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Answer(201, ActionJson(9201)));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9201, amount: 80000, decided: 80000))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        var result = await api.Client.Decisions.IncreaseAsync(new CoverKey(77, new CoverType("CREDIT-LIMIT")), 80000, cancellationToken: Ct);

        using var body = JsonDocument.Parse(api.Requests.Single(r => r.Method == HttpMethod.Put).Body!);
        Assert.Equal("credit-limit", body.RootElement.GetProperty("coverType").GetString());
        var reads = api.Requests.Where(r => r.Method == HttpMethod.Get).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Contains("coverType=credit-limit", r.Uri.Query, StringComparison.Ordinal));
        Assert.Equal(9201, result.Cover!.CoverId);
    }
}
