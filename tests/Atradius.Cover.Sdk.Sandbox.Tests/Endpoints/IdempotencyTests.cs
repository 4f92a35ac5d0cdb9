namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task Same_key_and_body_returns_the_first_answer_and_creates_nothing()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var body = Application(SandboxFixtures.WellRatedDutchBuyerId, 20000);
        var first = await api.PostAsync(Covers, body, ("Idempotency-Key", "k-1"));
        var again = await api.PostAsync(Covers, body, ("Idempotency-Key", "k-1"), ("Atradius-Correlation-Id", "retry-2"));
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.Header("ETag"), again.Header("ETag"));
        Assert.Equal(first.Header("Location"), again.Header("Location"));
        Assert.Equal("retry-2", again.Header("Atradius-Correlation-Id"));
        Assert.Equal(1, sandbox.Statistics.ApplicationsCreated);
        Assert.Equal(1, sandbox.Statistics.IdempotentReplays);
    }

    [Fact]
    public async Task Same_key_with_another_body_is_422()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 20000), ("Idempotency-Key", "k-2"));
        var reused = await api.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, 20000), ("Idempotency-Key", "k-2"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", reused.FirstError.GetProperty("code").GetString());
        Assert.Equal(1, sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task Put_is_idempotent_too_so_a_retried_supersede_does_not_apply_twice()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var id = SandboxFixtures.ExistingCreditLimitCoverId;
        var body = """{"action":"update-reference","customerRefNumber":"R"}""";
        await api.PutAsync($"{Covers}/{id}", body, ("Idempotency-Key", "p-1"));
        await api.PutAsync($"{Covers}/{id}", body, ("Idempotency-Key", "p-1"));
        Assert.Equal(2, sandbox.GetCover(id)!.Version);
    }

    [Fact]
    public async Task Switched_off_the_key_is_ignored_and_a_retry_acts_again()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { IdempotencyEnabled = false }, Ct);
        using var api = await CreateAsync(sandbox);
        var body = Application(SandboxFixtures.WellRatedDutchBuyerId, 20000);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Covers, body, ("Idempotency-Key", "k-3"))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync(Covers, body, ("Idempotency-Key", "k-3"))).Status);

        sandbox.IdempotencyEnabled = true;
        var id = SandboxFixtures.ExistingCreditLimitCoverId;
        await api.PutAsync($"{Covers}/{id}", """{"action":"update-reference","customerRefNumber":"R"}""", ("Idempotency-Key", "p"));
        sandbox.IdempotencyEnabled = false;
        await api.PutAsync($"{Covers}/{id}", """{"action":"update-reference","customerRefNumber":"R"}""", ("Idempotency-Key", "p"));
        Assert.Equal(3, sandbox.GetCover(id)!.Version);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_act_once()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var body = Application(SandboxFixtures.WellRatedDutchBuyerId, 20000);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.PostAsync(Covers, body, ("Idempotency-Key", "same"))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.CoverId).Distinct());
        Assert.Equal(1, sandbox.Statistics.ApplicationsCreated);
    }
}
