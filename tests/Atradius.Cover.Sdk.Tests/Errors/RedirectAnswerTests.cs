using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Errors;

/// <summary>
/// The SDK does not follow redirects and the Cover API never answers one: a 3xx comes from something in front of it,
/// and is an error, never taken for an accepted application, change or conversion.
/// </summary>
public sealed class RedirectAnswerTests
{
    private static readonly CoverApplication Application = new() { BuyerId = 77, CreditLimitAmount = 50000, CustomerReference = "R-1" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpResponseMessage Redirect(int status, string body = "")
    {
        var response = Answer(status, body);
        response.Headers.Location = new Uri("https://login.example.com/sso");
        return response;
    }

    [Theory]
    [InlineData(302)]
    [InlineData(303)]
    public async Task An_application_answered_with_a_redirect_is_not_reported_accepted(int status)
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Redirect(status));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, DecisionsUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(Application, cancellationToken: Ct));

        Assert.Equal(status, ex.Status);
        Assert.Contains("login.example.com", ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_answered_with_a_redirect_is_not_reported_applied()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Put, CoversUrl).Respond(_ => Redirect(302));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(9300))));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));

        await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Decisions.IncreaseAsync(new CoverKey(77, CoverType.CreditLimit), 80000, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_conversion_answered_with_a_redirect_is_not_reported_converted()
    {
        using var api = new CoverApi();
        api.Mock.When(new HttpMethod("PATCH"), CoversUrl + "/9300/cover-type").Respond(_ => Redirect(302, "<html>Sign in</html>"));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));

        var ex = await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Indications.ConvertToCreditLimitAsync(9300, cancellationToken: Ct));

        Assert.DoesNotContain("was converted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_answered_with_a_redirect_is_an_error_not_an_empty_portfolio()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Redirect(303, DataJson()));

        var ex = await Assert.ThrowsAnyAsync<CoverApiException>(() => api.Client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal(303, ex.Status);
    }
}
