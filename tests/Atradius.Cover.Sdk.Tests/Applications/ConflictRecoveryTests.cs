using System.Net;
using System.Text.Json.Nodes;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Applications;

public class ConflictRecoveryTests
{
    private const long ExistingId = 70001234;

    private static CoverApplication Application(string? reference = "ERP-000184") => new()
    {
        CustomerId = 200417,
        PolicyId = "5012345",
        BuyerId = 10042317,
        CreditLimitAmount = 50000,
        CurrencyCode = "EUR",
        CustomerReference = reference,
    };

    private static string CoverExists() =>
        CoverJson.Error(409, "COVER_EXISTS", "Buyer 10042317 already has cover under policy 5012345.", new JsonObject { ["existingCoverId"] = ExistingId });

    private static void ServeExisting(CoverTestHarness harness, JsonObject? cover = null) =>
        harness.Mock.When(HttpMethod.Get, CoverTestHarness.Covers + "/" + ExistingId)
            .Respond("application/json", (cover ?? CoverJson.Decided(ExistingId)).ToJsonString());

    [Fact]
    public async Task Submit_retried_after_a_lost_answer_returns_the_cover_it_created()
    {
        // The first attempt reaches the service but its answer is lost; the retry is told the cover exists.
        var attempts = 0;
        using var harness = new CoverTestHarness(retry: inner => new ResendingHandler(inner, (attempt, _, error) => error is not null && attempt < 3));
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(_ =>
        {
            if (++attempts == 1)
            {
                throw new HttpRequestException("The response ended prematurely.");
            }

            return new HttpResponseMessage(HttpStatusCode.Conflict) { Content = new StringContent(CoverExists(), System.Text.Encoding.UTF8, "application/json") };
        });
        ServeExisting(harness);

        var result = await harness.Client.Applications.SubmitAsync(Application(reference: null), TestContext.Current.CancellationToken);

        Assert.True(result.RecoveredFromConflict);
        Assert.Equal(ExistingId, result.CoverId);
        Assert.True(result.IsDecided);
    }

    [Fact]
    public async Task Submit_sent_once_and_told_the_cover_exists_throws_a_conflict()
    {
        using var harness = new CoverTestHarness();
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(HttpStatusCode.Conflict, "application/json", CoverExists());
        ServeExisting(harness);

        var error = await Assert.ThrowsAsync<CoverConflictException>(() => harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken));

        Assert.Equal(409, error.Status);
        Assert.Equal("COVER_EXISTS", error.ErrorCode);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task Submit_without_attempt_count_recovers_only_an_exact_match_with_the_same_reference()
    {
        using var harness = new CoverTestHarness(countAttempts: false);
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(HttpStatusCode.Conflict, "application/json", CoverExists());
        ServeExisting(harness);

        var result = await harness.Client.Applications.SubmitAsync(Application("ERP-000184"), TestContext.Current.CancellationToken);

        Assert.True(result.RecoveredFromConflict);
        await Assert.ThrowsAsync<CoverConflictException>(() => harness.Client.Applications.SubmitAsync(Application("ERP-OTHER"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_retried_but_the_existing_cover_differs_throws_a_conflict()
    {
        var attempts = 0;
        using var harness = new CoverTestHarness(retry: inner => new ResendingHandler(inner, (attempt, _, error) => error is not null && attempt < 3));
        harness.Mock.When(HttpMethod.Post, CoverTestHarness.Covers).Respond(_ => ++attempts == 1
            ? throw new HttpRequestException("lost")
            : new HttpResponseMessage(HttpStatusCode.Conflict) { Content = new StringContent(CoverExists(), System.Text.Encoding.UTF8, "application/json") });
        var other = CoverJson.Decided(ExistingId);
        other["creditLimitApplicationAmount"] = 75000;
        ServeExisting(harness, other);

        await Assert.ThrowsAsync<CoverConflictException>(() => harness.Client.Applications.SubmitAsync(Application(), TestContext.Current.CancellationToken));
    }
}
