using System.Net;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Resilience;

public sealed class PipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_get_whose_body_is_cut_short_is_sent_again()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/1").Respond(Sequence(
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new CutContent("{\"data\":[{\"buyer") },
            () => Answer(200, """{"data":[{"buyerId":1}]}""")));

        var buyer = await api.Client.Buyers.GetAsync(1, cancellationToken: Ct);

        Assert.Equal(1, buyer.Value.BuyerId);
        Assert.Equal(2, api.Count(HttpMethod.Get, BuyersUrl + "/1"));
    }

    [Fact]
    public async Task A_post_is_never_repeated_by_the_pipeline()
    {
        using var api = new CoverApi();
        api.Options.Resilience.MaxRetryAttempts = 0;
        api.Mock.When(HttpMethod.Post, CoversUrl).Respond(_ => Answer(503, """{"faultstring":"Service Unavailable"}"""));
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, ApplicationsUrl).Respond(_ => Answer(200, DataJson()));
        api.Mock.When(HttpMethod.Get, HistoricUrl).Respond(_ => Answer(200, DataJson()));

        await Assert.ThrowsAsync<CoverOutcomeUnknownException>(() => api.Client.Applications.SubmitAsync(new CoverApplication { BuyerId = 77, CreditLimitAmount = 5000 }, cancellationToken: Ct));

        Assert.Equal(1, api.Count(HttpMethod.Post, CoversUrl));
    }

    [Fact]
    public async Task More_than_a_thousand_calls_in_flight_are_all_sent_none_rejected_by_a_client_side_limit()
    {
        const int Calls = 1100;
        using var api = new CoverApi();
        var arrived = 0;
        var allIn = new TaskCompletionSource();
        api.Mock.When(HttpMethod.Get, BuyersUrl + "/*").Respond(async _ =>
        {
            if (Interlocked.Increment(ref arrived) == Calls)
            {
                allIn.SetResult();
            }

            // Every call stays in flight until all of them have reached the socket.
            await allIn.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return Answer(200, """{"data":[{"buyerId":1}]}""");
        });

        var calls = Enumerable.Range(1, Calls).Select(i => api.Client.Buyers.GetAsync(i, cancellationToken: Ct)).ToArray();
        var buyers = await Task.WhenAll(calls);

        Assert.Equal(Calls, buyers.Length);
        Assert.Equal(Calls, arrived);
    }
}
