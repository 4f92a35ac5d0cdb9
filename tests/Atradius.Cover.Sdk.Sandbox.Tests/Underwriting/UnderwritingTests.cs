namespace Atradius.Cover.Sdk.Sandbox.Tests.Underwriting;

/// <summary>Every decision code, from the underwriters, the insurer's events and the clock.</summary>
public sealed class UnderwritingTests
{
    private static Task<CoverSandbox> StartAsync() => CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(2), TokenLifetime = TimeSpan.FromDays(800) }, Ct);

    private static async Task<string?> CodeAsync(ApiClient api, long coverId, string list = "") =>
        Wire.Text(Wire.Single(await api.ListAsync(Covers + list), coverId), "decisionCode");

    [Theory]
    [InlineData(SandboxFixtures.VeryGoodBritishBuyerId, 200_000, "DC01", 200_000)]
    [InlineData(SandboxFixtures.SatisfactoryGermanBuyerId, 80_000, "DC02", 80_000)]
    [InlineData(SandboxFixtures.FairSpanishBuyerId, 80_000, "DC04", 40_000)]
    [InlineData(SandboxFixtures.WeakSwedishBuyerId, 80_000, "DC03", 0)]
    public async Task A_referred_application_is_decided_when_the_referral_delay_has_passed(long buyerId, int amount, string code, int decided)
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var id = (await api.PostAsync(Covers, Application(buyerId, amount))).CoverId;
        sandbox.AdvanceTime(TimeSpan.FromHours(1));
        Assert.Contains(await api.ListAsync($"{Covers}/applications"), c => c.GetProperty("coverId").GetInt64() == id);
        sandbox.AdvanceTime(TimeSpan.FromHours(1));
        var cover = Wire.Single(await api.ListAsync($"{Covers}/decisions"), id);
        Assert.Equal(code, Wire.Text(cover, "decisionCode"));
        Assert.Equal(decided, Wire.DecisionAmount(cover));
    }

    [Fact]
    public async Task A_partial_approval_note_writes_its_amounts_the_same_on_a_host_with_a_decimal_comma()
    {
        // Before, the note took the host's culture: "Partially approved: 40000 of 80000,00." on a German host.
        var notes = await HostCulture.RunAsync("de-DE", async () =>
        {
            await using var sandbox = await StartAsync();
            using var api = await CreateAsync(sandbox);
            // An amount written with its scale, as the SDK writes a decimal such as 80000.00m.
            var id = (await api.PostAsync(Covers, $$"""{"customerId":{{SandboxFixtures.EuroCustomerId}},"policyId":"{{SandboxFixtures.EuroPolicyId}}","buyerId":{{SandboxFixtures.FairSpanishBuyerId}},"coverType":"credit-limit","creditLimitAmount":80000.00,"currencyCode":"EUR","customerRefNumber":"T-DE"}""")).CoverId;
            sandbox.DecideReferredApplications();
            return Wire.Text(Wire.Single(await api.ListAsync($"{Covers}/decisions"), id), "notes");
        });

        Assert.Equal("Partially approved: 40000 of 80000.00.", notes);
    }

    [Theory]
    [InlineData(SandboxFixtures.FairSpanishBuyerId, "DC06", "DC04")]
    [InlineData(SandboxFixtures.WeakSwedishBuyerId, "DC07", "DC03")]
    public async Task A_large_application_on_a_weak_buyer_gets_a_preliminary_then_a_final_decision(long buyerId, string preliminary, string final)
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var id = (await api.PostAsync(Covers, Application(buyerId, 400_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal(preliminary, await CodeAsync(api, id, "/decisions"));
        sandbox.AdvanceTime(TimeSpan.FromHours(2));
        Assert.Equal(final, await CodeAsync(api, id, "/decisions"));
    }

    [Fact]
    public async Task A_clock_moved_past_both_steps_finds_the_final_decision_made()
    {
        // The final decision counted from when the preliminary one was due, not from the request that found it due:
        // a day on, a test saw DC06 and needed another move of the clock, or seconds of real time, to see DC04.
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var id = (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 400_000))).CoverId;

        sandbox.AdvanceTime(TimeSpan.FromDays(1));

        Assert.Equal("DC04", await CodeAsync(api, id, "/decisions"));
    }

    [Fact]
    public async Task Deciding_referred_applications_takes_one_step_also_for_an_application_whose_step_came_due()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var id = (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 400_000))).CoverId;
        sandbox.AdvanceTime(TimeSpan.FromHours(2));

        sandbox.DecideReferredApplications();

        Assert.Equal("DC06", sandbox.GetCover(id)!.DecisionCode);
        sandbox.DecideReferredApplications();
        Assert.Equal("DC04", sandbox.GetCover(id)!.DecisionCode);
    }

    [Fact]
    public async Task A_new_reference_on_a_preliminary_decision_keeps_the_final_decision_coming()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var coverId = (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 300_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal(("DC06", 150_000m), (sandbox.GetCover(coverId)!.DecisionCode, sandbox.GetCover(coverId)!.DecisionAmount!.Value));

        var renamed = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.FairSpanishBuyerId, 150_000, reference: "NEW-REF"));
        Assert.Equal((HttpStatusCode.Created, coverId), (renamed.Status, renamed.CoverId));

        Assert.Equal(1, sandbox.DecideReferredApplications());
        var final = sandbox.GetCover(coverId)!;
        Assert.Equal(("DC04", "NEW-REF"), (final.DecisionCode, final.CustomerRefNumber));
    }

    [Fact]
    public async Task A_reduction_is_refused_while_a_preliminary_decision_waits_for_its_final_one()
    {
        // Before, the reduction was taken under a new cover id, and the final decision the application waited for never came.
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var coverId = (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 400_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal(("DC06", 200_000m), (sandbox.GetCover(coverId)!.DecisionCode, sandbox.GetCover(coverId)!.DecisionAmount!.Value));

        var reduced = await api.PutAsync(Covers, Change("reduce", SandboxFixtures.FairSpanishBuyerId, 100_000));

        Assert.Equal(HttpStatusCode.BadRequest, reduced.Status);
        Assert.Equal("New Application cannot supersede existing cover", reduced.Detail);
        Assert.Equal(1, sandbox.DecideReferredApplications());
        var final = sandbox.GetCover(coverId)!;
        Assert.Equal(("DC04", 200_000m), (final.DecisionCode, final.DecisionAmount!.Value));
    }

    [Fact]
    public async Task An_increase_is_refused_while_a_preliminary_decision_waits_for_its_final_one_and_a_new_reference_is_taken()
    {
        // Before, the increase was taken as a new application under a new id, and the preliminary decision it replaced
        // never got its final one.
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var coverId = (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 400_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal(("DC06", 200_000m), (sandbox.GetCover(coverId)!.DecisionCode, sandbox.GetCover(coverId)!.DecisionAmount!.Value));

        var increased = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.FairSpanishBuyerId, 300_000));
        var renamed = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.FairSpanishBuyerId, 200_000, reference: "PO-77"));

        Assert.Equal(HttpStatusCode.BadRequest, increased.Status);
        Assert.Equal("New Application cannot supersede existing cover", increased.Detail);
        Assert.Equal((HttpStatusCode.Created, coverId), (renamed.Status, renamed.CoverId));
        Assert.Equal(1, sandbox.DecideReferredApplications());
        var final = sandbox.GetCover(coverId)!;
        Assert.Equal(("DC04", 200_000m, "PO-77"), (final.DecisionCode, final.DecisionAmount!.Value, final.CustomerRefNumber));
    }

    [Fact]
    public async Task An_insurers_notice_is_refused_while_a_preliminary_decision_waits_for_its_final_one()
    {
        // Before, the notice replaced the preliminary decision, and the final decision never came.
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        using var admin = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var coverId = (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 400_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal("DC06", sandbox.GetCover(coverId)!.DecisionCode);

        var reduction = await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.NotifyReductionAsync(coverId, 50_000, Ct));
        using var withdrawal = await admin.PostAsync($"/sandbox/covers/{coverId}/withdrawal-notice", Json("{}"), Ct);

        Assert.Contains("final decision", reduction.Message, StringComparison.Ordinal);
        var refused = await Answer.ReadAsync(withdrawal);
        Assert.Equal((HttpStatusCode.BadRequest, "coverId"), (refused.Status, refused.Parameter));
        Assert.Equal(1, sandbox.DecideReferredApplications());
        var final = sandbox.GetCover(coverId)!;
        Assert.Equal(("DC04", (string?)null), (final.DecisionCode, final.PendingProcessIndicator));
    }

    [Fact]
    public async Task An_indication_is_answered_at_once()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var answer = await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 40_000, "indication"));
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal("DC04", await CodeAsync(api, answer.CoverId));
    }

    [Fact]
    public async Task A_reduction_notice_is_dc21_then_dc09_thirty_days_later()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var notice = await sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 30_000, Ct);
        Assert.Equal("DC21", notice.DecisionCode);
        var cover = Wire.Single(await api.ListAsync(Covers), SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Equal("F", Wire.Text(cover, "pendingProcessIndicator"));
        Assert.NotNull(Wire.Text(cover, "withdrawalDate"));
        Assert.Equal(75_000m, Wire.DecisionAmount(cover));

        sandbox.AdvanceTime(TimeSpan.FromDays(30));
        cover = Wire.Single(await api.ListAsync(Covers), SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Equal("DC09", Wire.Text(cover, "decisionCode"));
        Assert.Equal(30_000m, Wire.DecisionAmount(cover));
        Assert.Equal("ACLD", Wire.Text(Wire.Single(await api.ListAsync($"{Covers}/historic"), SandboxFixtures.ExistingCreditLimitCoverId), "historicCode"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 40_000, Ct));
    }

    [Theory]
    [InlineData("th-TH", false)]
    [InlineData("ar-SA", false)]
    [InlineData("th-TH", true)]
    [InlineData("ar-SA", true)]
    public async Task An_insurers_notice_names_its_date_as_its_withdrawalDate_on_a_host_with_another_calendar(string culture, bool reduction)
    {
        // Before, the note took the host's calendar: a Thai host wrote the year 2569 for 2026, a Saudi one a Hijri date.
        var (notes, withdrawalDate) = await HostCulture.RunAsync(culture, async () =>
        {
            await using var sandbox = await StartAsync();
            using var api = await CreateAsync(sandbox);
            _ = reduction
                ? await sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 30_000, Ct)
                : await sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
            var cover = Wire.Single(await api.ListAsync(Covers), SandboxFixtures.ExistingCreditLimitCoverId);
            return (Wire.Text(cover, "notes"), Wire.Text(cover, "withdrawalDate"));
        });

        Assert.NotNull(withdrawalDate);
        Assert.Equal(reduction ? "Cover will be reduced to 30000 EUR on " + withdrawalDate + "." : "Cover will be withdrawn on " + withdrawalDate + ".", notes);
    }

    [Fact]
    public async Task A_withdrawal_notice_is_dc21_pending_withdrawal_then_dc08_in_the_historic_list()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        await sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
        var cover = Wire.Single(await api.ListAsync(Covers), SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Equal("DC21", Wire.Text(cover, "decisionCode"));
        Assert.Equal("Pending Withdrawal", Wire.Text(cover, "pendingProcessStatus"));

        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        Assert.DoesNotContain(await api.ListAsync(Covers), c => c.GetProperty("coverId").GetInt64() == SandboxFixtures.ExistingCreditLimitCoverId);
        var ended = Wire.Single(await api.ListAsync($"{Covers}/historic"), SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Equal("DC08", Wire.Text(ended, "decisionCode"));
        Assert.Equal("WCLD", Wire.Text(ended, "historicCode"));
        Assert.Equal(0m, Wire.DecisionAmount(ended));
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct));
        Assert.Equal("coverId", refused.ParamName);
    }

    [Theory]
    [InlineData("withdrawal")]
    [InlineData("reduction")]
    public async Task A_second_insurers_notice_is_refused_while_the_first_is_pending_and_the_first_still_takes_effect(string first)
    {
        // Before, the second notice replaced the first, which then never took effect.
        await using var sandbox = await StartAsync();
        var coverId = SandboxFixtures.ExistingCreditLimitCoverId;
        var notice = first == "withdrawal"
            ? await sandbox.NotifyWithdrawalAsync(coverId, Ct)
            : await sandbox.NotifyReductionAsync(coverId, 30_000, Ct);
        sandbox.AdvanceTime(TimeSpan.FromDays(20));

        var reduction = await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.NotifyReductionAsync(coverId, 20_000, Ct));
        var withdrawal = await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.NotifyWithdrawalAsync(coverId, Ct));

        Assert.All([reduction.Message, withdrawal.Message], m => Assert.Contains("already under an insurer's notice", m, StringComparison.Ordinal));
        var pending = sandbox.GetCover(coverId)!;
        Assert.Equal((notice.PendingProcessIndicator, notice.WithdrawalDate), (pending.PendingProcessIndicator, pending.WithdrawalDate));
        sandbox.AdvanceTime(TimeSpan.FromDays(11));
        if (first == "withdrawal")
        {
            Assert.Contains(sandbox.GetCovers(), c => c.CoverId == coverId && c.HistoricCode == "WCLD" && c.DecisionCode == "DC08");
        }
        else
        {
            var reduced = sandbox.GetCover(coverId)!;
            Assert.Equal(("DC09", 30_000m), (reduced.DecisionCode, reduced.DecisionAmount!.Value));
        }
    }

    [Fact]
    public async Task An_insurers_notice_still_takes_effect_after_a_refused_increase_or_a_new_reference_on_the_cover()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);

        // a refused increase keeps the cover, and with it the withdrawal notified on it
        await sandbox.NotifyWithdrawalAsync(SandboxFixtures.DeterioratedBuyerCoverId, Ct);
        var refused = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.DeterioratedBuyerId, 500_000));
        Assert.Equal((HttpStatusCode.Created, "Action has been refused."), (refused.Status, refused.Response));
        Assert.Equal("W", sandbox.GetCover(SandboxFixtures.DeterioratedBuyerCoverId)!.PendingProcessIndicator);

        // a new reference keeps the cover, and with it the reduction notified on it
        await sandbox.NotifyReductionAsync(SandboxFixtures.ExistingCreditLimitCoverId, 30_000, Ct);
        var renamed = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.ExistingCoverBuyerId, 75_000, reference: "NEW-REF"));
        Assert.Equal((HttpStatusCode.Created, SandboxFixtures.ExistingCreditLimitCoverId), (renamed.Status, renamed.CoverId));

        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        Assert.Null(sandbox.GetCover(SandboxFixtures.DeterioratedBuyerCoverId));
        Assert.Equal("WCLD", Wire.Text(Wire.Single(await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.DeterioratedBuyerId}"), SandboxFixtures.DeterioratedBuyerCoverId), "historicCode"));
        var reduced = sandbox.GetCover(SandboxFixtures.ExistingCreditLimitCoverId)!;
        Assert.Equal(("DC09", 30_000m, (string?)null, "NEW-REF"), (reduced.DecisionCode, reduced.DecisionAmount!.Value, reduced.PendingProcessIndicator, reduced.CustomerRefNumber));
    }

    [Fact]
    public async Task An_insurers_notice_still_takes_effect_on_the_version_that_supersedes_the_cover()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);

        // an increase decided at once: the withdrawal comes to the new version on the date notified
        var withdrawn = (await api.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, 50_000))).CoverId;
        var withdrawal = await sandbox.NotifyWithdrawalAsync(withdrawn, Ct);
        var raised = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.VeryGoodBritishBuyerId, 80_000));
        Assert.Equal(HttpStatusCode.Created, raised.Status);
        var superseding = sandbox.GetCover(raised.CoverId)!;
        Assert.Equal((80_000m, "W", withdrawal.WithdrawalDate), (superseding.DecisionAmount!.Value, superseding.PendingProcessIndicator, superseding.WithdrawalDate));

        // an increase decided by an underwriter: the notified reduction comes to the new version
        var reducedLater = (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 90_000))).CoverId;
        await sandbox.NotifyReductionAsync(reducedLater, 40_000, Ct);
        var referred = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.WellRatedDutchBuyerId, 120_000));
        Assert.Equal(HttpStatusCode.Accepted, referred.Status);
        sandbox.DecideReferredApplications();
        Assert.Equal((120_000m, "F"), (sandbox.GetCover(referred.CoverId)!.DecisionAmount!.Value, sandbox.GetCover(referred.CoverId)!.PendingProcessIndicator));

        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        Assert.Null(sandbox.GetCover(raised.CoverId));
        Assert.Equal("WCLD", Wire.Text(Wire.Single(await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.VeryGoodBritishBuyerId}"), raised.CoverId), "historicCode"));
        var reduced = sandbox.GetCover(referred.CoverId)!;
        Assert.Equal(("DC09", 40_000m, (string?)null), (reduced.DecisionCode, reduced.DecisionAmount!.Value, reduced.PendingProcessIndicator));
    }

    [Fact]
    public async Task An_increase_still_waiting_when_the_insurers_withdrawal_takes_effect_is_rejected()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { NoticePeriod = TimeSpan.FromHours(1), ReferralDelay = TimeSpan.FromHours(2), TokenLifetime = TimeSpan.FromDays(1) }, Ct);
        using var api = await CreateAsync(sandbox);
        await sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
        var increase = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.ExistingCoverBuyerId, 100_000));
        Assert.Equal(HttpStatusCode.Accepted, increase.Status);

        sandbox.AdvanceTime(TimeSpan.FromHours(3));
        Assert.Empty(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.ExistingCoverBuyerId}&coverType=credit-limit"));
        var historic = await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.ExistingCoverBuyerId}");
        Assert.Equal("WCLD", Wire.Text(Wire.Single(historic, SandboxFixtures.ExistingCreditLimitCoverId), "historicCode"));
        Assert.Equal("RCLA", Wire.Text(Wire.Single(historic, increase.CoverId), "historicCode"));
    }

    [Fact]
    public async Task A_customers_reduction_during_an_insurers_notice_keeps_the_notice_only_while_it_still_bites()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);

        // a withdrawal still comes to the reduced version, on the date notified
        await sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
        var reduced = await api.PutAsync(Covers, Change("reduce", SandboxFixtures.ExistingCoverBuyerId, 50_000));
        Assert.Equal(HttpStatusCode.Created, reduced.Status);
        Assert.Equal("W", sandbox.GetCover(reduced.CoverId)!.PendingProcessIndicator);
        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        Assert.Null(sandbox.GetCover(reduced.CoverId));
        Assert.Equal("WCLD", Wire.Text(Wire.Single(await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.ExistingCoverBuyerId}"), reduced.CoverId), "historicCode"));

        // a notified reduction to 40,000 still comes after a reduction to 60,000, and is gone after one to 30,000
        var fresh = (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 90_000))).CoverId;
        await sandbox.NotifyReductionAsync(fresh, 40_000, Ct);
        var toSixty = (await api.PutAsync(Covers, Change("reduce", SandboxFixtures.WellRatedDutchBuyerId, 60_000))).CoverId;
        Assert.Equal("F", sandbox.GetCover(toSixty)!.PendingProcessIndicator);
        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        var applied = sandbox.GetCover(toSixty)!;
        Assert.Equal(("DC09", 40_000m, (string?)null), (applied.DecisionCode, applied.DecisionAmount!.Value, applied.PendingProcessIndicator));

        await sandbox.NotifyReductionAsync(toSixty, 20_000, Ct);
        var toTen = (await api.PutAsync(Covers, Change("reduce", SandboxFixtures.WellRatedDutchBuyerId, 10_000))).CoverId;
        var below = sandbox.GetCover(toTen)!;
        Assert.Equal((10_000m, (string?)null, (DateOnly?)null), (below.DecisionAmount!.Value, below.PendingProcessIndicator, below.WithdrawalDate));
        sandbox.AdvanceTime(TimeSpan.FromDays(31));
        Assert.Equal(10_000m, sandbox.GetCover(toTen)!.DecisionAmount);
    }

    [Fact]
    public async Task Decisions_reach_their_expiry_dates_a_year_on_dc11_reissue_and_dc22_partial_expiry()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var conditional = (await api.PostAsync(Covers, Application(SandboxFixtures.SatisfactoryGermanBuyerId, 60_000))).CoverId;
        var partial = (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 100_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal("DC02", await CodeAsync(api, conditional));
        Assert.Equal("DC04", await CodeAsync(api, partial));

        // In force through the expiry date, a year on, as a policy is through its own; ended the day after.
        var expiry = DateOnly.Parse(Wire.Text(Wire.Single(await api.ListAsync(Covers), conditional).GetProperty("totalDecision"), "decisionExpiryDate")!, System.Globalization.CultureInfo.InvariantCulture);
        sandbox.AdvanceTime(TimeSpan.FromDays(expiry.DayNumber - DateOnly.FromDateTime(sandbox.Clock.GetUtcNow().UtcDateTime).DayNumber));
        Assert.Equal("DC02", await CodeAsync(api, conditional));
        Assert.Equal("DC04", await CodeAsync(api, partial));
        sandbox.AdvanceTime(TimeSpan.FromDays(2));
        Assert.Equal("DC11", await CodeAsync(api, conditional));
        var reduced = Wire.Single(await api.ListAsync(Covers), partial);
        Assert.Equal("DC22", Wire.Text(reduced, "decisionCode"));
        Assert.Equal(30_000m, Wire.DecisionAmount(reduced));
        var historic = await api.ListAsync($"{Covers}/historic");
        Assert.Contains(historic, c => c.GetProperty("coverId").GetInt64() == conditional && Wire.Text(c, "historicCode") == "ICLD");
    }

    [Fact]
    public async Task The_seeded_world_shows_a_withdrawal_notice_that_takes_effect_on_the_clock()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { GeneratedCoverCount = 120, TokenLifetime = TimeSpan.FromDays(60) }, Ct);
        var noticed = sandbox.GetCovers().Where(c => c.IsCurrent && c.DecisionCode == "DC21").ToList();
        Assert.NotEmpty(noticed);
        sandbox.AdvanceTime(TimeSpan.FromDays(30));
        Assert.All(noticed, n => Assert.Contains(sandbox.GetCovers(), c => c.CoverId == n.CoverId && c.HistoricCode == "WCLD" && c.DecisionCode == "DC08"));
    }

    [Fact]
    public async Task The_seeded_world_notices_name_their_dates_as_their_withdrawalDate_on_a_host_with_another_calendar()
    {
        var notices = await HostCulture.RunAsync("th-TH", async () =>
        {
            await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { GeneratedCoverCount = 120, TokenLifetime = TimeSpan.FromDays(60) }, Ct);
            using var api = await CreateAsync(sandbox);
            return (await api.ListAsync(Covers))
                .Where(c => Wire.Text(c, "decisionCode") == "DC21" && Wire.Text(c, "pendingProcessIndicator") == "W")
                .Select(c => (Notes: Wire.Text(c, "notes"), Date: Wire.Text(c, "withdrawalDate")))
                .ToList();
        });

        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.Equal("Cover will be withdrawn on " + n.Date + ".", n.Notes));
    }
}
