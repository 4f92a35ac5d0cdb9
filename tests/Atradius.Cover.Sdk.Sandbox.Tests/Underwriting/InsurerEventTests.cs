namespace Atradius.Cover.Sdk.Sandbox.Tests.Underwriting;

public sealed class InsurerEventTests
{
    [Fact]
    public async Task Reduction_notice_is_DC21_then_DC09_after_thirty_days()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromDays(400) }, Ct);
        using var api = await CreateAsync(sandbox);
        var id = SandboxFixtures.ExistingCreditLimitCoverId;
        var noticed = await sandbox.NotifyReductionAsync(id, 40000, Ct);
        Assert.Equal("DC21", noticed.DecisionCode);
        var notice = await api.GetAsync($"{Covers}/{id}");
        Assert.Equal("DC21", notice.Json.GetProperty("decisionCode").GetString());
        Assert.Equal("F", notice.Json.GetProperty("pendingProcessIndicator").GetString());
        Assert.Equal(75000m, notice.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        var withdrawalDate = DateOnly.Parse(notice.Json.GetProperty("withdrawalDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateOnly.FromDateTime(sandbox.Clock.GetUtcNow().UtcDateTime.AddDays(30)), withdrawalDate);

        sandbox.AdvanceTime(TimeSpan.FromDays(29));
        Assert.Equal("DC21", (await api.GetAsync($"{Covers}/{id}")).Json.GetProperty("decisionCode").GetString());
        sandbox.AdvanceTime(TimeSpan.FromDays(2));
        var effective = await api.GetAsync($"{Covers}/{id}");
        Assert.Equal("DC09", effective.Json.GetProperty("decisionCode").GetString());
        Assert.Equal(40000m, effective.Json.GetProperty("totalDecision").GetProperty("decisionAmount").GetDecimal());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, effective.Json.GetProperty("pendingProcessIndicator").ValueKind);

        var events = (await api.GetAsync($"{Covers}/{id}/history")).Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("event").GetString());
        Assert.Equal(["decided", "reduction-notified", "reduction-effective"], events);
        var decisions = (await api.GetAsync($"{Covers}/decisions?updatedSince={Uri.EscapeDataString(noticed.UpdatedAt.ToString("O"))}")).Json.GetProperty("data");
        Assert.Contains(decisions.EnumerateArray(), c => c.GetProperty("coverId").GetInt64() == id && c.GetProperty("decisionCode").GetString() == "DC09");
    }

    [Fact]
    public async Task Withdrawal_notice_is_DC21_then_DC08_with_amount_zero_and_WCLD()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        var id = SandboxFixtures.ExistingCreditLimitCoverId;
        await sandbox.NotifyWithdrawalAsync(id, Ct);

        // through the admin endpoint as a standalone user would
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var advance = await http.PostAsync("sandbox/clock/advance", Json("""{"days":31}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, advance.StatusCode);

        var cover = sandbox.GetCover(id)!;
        Assert.Equal("DC08", cover.DecisionCode);
        Assert.Equal(0m, cover.DecisionAmount);
        Assert.Equal("WCLD", cover.HistoricCode);
        Assert.False(cover.IsCurrent);

        using var api = await CreateAsync(sandbox);
        Assert.Contains((await api.GetAsync($"{Covers}/historic")).Json.GetProperty("data").EnumerateArray(), c => c.GetProperty("coverId").GetInt64() == id && c.GetProperty("historicCode").GetString() == "WCLD");

        // the buyer is free for a new application (rating 45: referred)
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync(Covers, Application(SandboxFixtures.ExistingCoverBuyerId, 1000))).Status);
    }

    [Fact]
    public async Task Admin_endpoints_drive_notices_and_underwriters()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var reduce = await http.PostAsync($"sandbox/covers/{SandboxFixtures.ExistingCreditLimitCoverId}/reduction-notice", Json("""{"newAmount":30000}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, reduce.StatusCode);
        using var tooHigh = await http.PostAsync($"sandbox/covers/{SandboxFixtures.SupersededCreditLimitCoverId}/reduction-notice", Json("""{"newAmount":90000}"""), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooHigh.StatusCode);
        using var missing = await http.PostAsync("sandbox/covers/1/withdrawal-notice", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var decide = await http.PostAsync("sandbox/underwriting/decide-all", null, Ct);
        Assert.Contains("\"count\":1", await decide.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("DC02", sandbox.GetCover(SandboxFixtures.PendingApplicationCoverId)!.DecisionCode);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => sandbox.NotifyWithdrawalAsync(1, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.NotifyWithdrawalAsync(SandboxFixtures.CancelledCreditLimitCoverId, Ct));
    }
}
