using System.Text.Json;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

/// <summary>Submissions, changes by key, conversion and the four lists.</summary>
public sealed class CoverTests
{
    private static Task<CoverSandbox> StartAsync(bool irregular = true) =>
        CoverSandbox.StartAsync(new CoverSandboxOptions { ReferralDelay = TimeSpan.FromHours(1), Irregularities = irregular }, Ct);

    [Fact]
    public async Task A_submission_answers_only_the_cover_id_and_the_cover_is_read_from_the_lists()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var decided = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 50_000));
        Assert.Equal(HttpStatusCode.Created, decided.Status);
        Assert.Equal("Action successful", decided.Response);
        Assert.False(decided.Json.GetProperty("data")[0].TryGetProperty("coverStatus", out _));
        var cover = Wire.Single(await api.ListAsync($"{Covers}/decisions?buyerId={SandboxFixtures.WellRatedDutchBuyerId}"), decided.CoverId);
        Assert.Equal("DC01", Wire.Text(cover, "decisionCode"));
        Assert.Equal(50_000m, Wire.DecisionAmount(cover));

        var referred = await api.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, 400_000));
        Assert.Equal(HttpStatusCode.Accepted, referred.Status);
        Assert.Equal("Action successful", referred.Response);
        Assert.Contains(await api.ListAsync($"{Covers}/applications?buyerId={SandboxFixtures.VeryGoodBritishBuyerId}"), c => c.GetProperty("coverId").GetInt64() == referred.CoverId);
        Assert.Contains(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.VeryGoodBritishBuyerId}"), c => c.GetProperty("coverStatus").GetString() == "REFERRED");
        Assert.Empty(await api.ListAsync($"{Covers}/decisions?buyerId={SandboxFixtures.VeryGoodBritishBuyerId}"));
        Assert.Equal(2, sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task A_second_application_is_refused_with_the_real_detail_but_a_credit_check_may_sit_beside_a_credit_limit()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var again = await api.PostAsync(Covers, Application(SandboxFixtures.ExistingCoverBuyerId, 10_000));
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("Credit limit/credit check already exists for this buyer.", again.Detail);

        var covers = await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.ExistingCoverBuyerId}");
        Assert.Equal(["credit-check", "credit-limit"], covers.Select(c => c.GetProperty("coverType").GetString()).Order());

        var check = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, null, "credit-check"));
        Assert.Equal(HttpStatusCode.Created, check.Status);
        Assert.Equal(20_000m, Wire.DecisionAmount(Wire.Single(await api.ListAsync(Covers), check.CoverId)));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 30_000))).Status);
    }

    [Fact]
    public async Task A_new_application_is_refused_while_an_application_on_a_refused_cover_waits_for_an_underwriter()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var refusedId = (await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 80_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal(("DC03", 0m), (sandbox.GetCover(refusedId)!.DecisionCode, sandbox.GetCover(refusedId)!.DecisionAmount!.Value));

        // the buyer's risk improves and the customer applies again on the refused cover
        sandbox.ChangeBuyerRating(SandboxFixtures.WeakSwedishBuyerId, 50);
        var waiting = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.WeakSwedishBuyerId, 60_000));
        Assert.Equal(HttpStatusCode.Accepted, waiting.Status);

        var again = await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 60_000));
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("Credit limit/credit check already exists for this buyer.", again.Detail);
        Assert.Equal([waiting.CoverId], (await api.ListAsync($"{Covers}/applications?buyerId={SandboxFixtures.WeakSwedishBuyerId}")).Select(c => c.GetProperty("coverId").GetInt64()));
    }

    [Fact]
    public async Task A_new_application_is_refused_while_a_preliminary_refusal_waits_for_its_final_decision()
    {
        // Before, the new application was taken (202) and ended the waiting one as rejected history (RCLA), so the final
        // DC03 its customer was waiting for never came.
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var waiting = (await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 400_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal("DC07", sandbox.GetCover(waiting)!.DecisionCode);

        var again = await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 50_000));

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("Credit limit/credit check already exists for this buyer.", again.Detail);
        Assert.Equal(1, sandbox.DecideReferredApplications());
        Assert.Equal("DC03", sandbox.GetCover(waiting)!.DecisionCode);

        // refused for good, it no longer holds the buyer: a new application ends it as rejected history
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 50_000))).Status);
        Assert.Contains(sandbox.GetCovers(), c => c.CoverId == waiting && c.HistoricCode == "RCLA" && c.DecisionCode == "DC03");
    }

    [Fact]
    public async Task An_indication_is_not_converted_while_a_preliminary_refusal_of_a_credit_limit_on_the_buyer_waits()
    {
        // Before, the conversion ended the waiting credit limit as rejected history (RCLA) before its final decision.
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var waiting = (await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 400_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal("DC07", sandbox.GetCover(waiting)!.DecisionCode);

        // the buyer's risk improves enough for an indication of part of the amount
        sandbox.ChangeBuyerRating(SandboxFixtures.WeakSwedishBuyerId, 60);
        var indication = await api.PostAsync(Covers, Application(SandboxFixtures.WeakSwedishBuyerId, 50_000, "indication"));
        Assert.Equal(HttpStatusCode.Created, indication.Status);

        var converted = await api.PatchAsync($"{Covers}/{indication.CoverId}/cover-type", """{"coverType":"credit-limit"}""");

        Assert.Equal(HttpStatusCode.BadRequest, converted.Status);
        Assert.Equal("Credit limit/credit check already exists for this buyer.", converted.Detail);
        Assert.Equal("indication", sandbox.GetCover(indication.CoverId)!.CoverType);
        Assert.Equal(1, sandbox.DecideReferredApplications());
        Assert.Equal("DC04", sandbox.GetCover(waiting)!.DecisionCode);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0")]
    [InlineData("-5000")]
    [InlineData("1000.5")]
    [InlineData("\"50000\"")]
    public async Task An_amount_that_is_no_positive_multiple_of_1000_is_refused_naming_the_field(string amount)
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var answer = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, null).Replace("\"currencyCode\"", $"\"creditLimitAmount\":{amount},\"currencyCode\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Must be positive number greater than zero and a multiple of 1000.", answer.Detail);
        Assert.Equal("creditLimitAmount", answer.Parameter);
    }

    [Fact]
    public async Task A_supersede_is_a_new_cover_id_and_the_old_version_becomes_historic_with_scld()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var first = (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 40_000))).CoverId;
        var raised = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.WellRatedDutchBuyerId, 90_000));
        Assert.Equal(HttpStatusCode.Created, raised.Status);
        Assert.NotEqual(first, raised.CoverId);

        var current = Assert.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.WellRatedDutchBuyerId}"));
        Assert.Equal(raised.CoverId, current.GetProperty("coverId").GetInt64());
        Assert.Equal(90_000m, Wire.DecisionAmount(current));
        var historic = Wire.Single(await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.WellRatedDutchBuyerId}"), first);
        Assert.Equal("SCLD", Wire.Text(historic, "historicCode"));
    }

    [Fact]
    public async Task A_supersede_with_the_same_amount_only_updates_the_reference_in_place()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var answer = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.ExistingCoverBuyerId, 75_000, reference: "NEW-REF"));
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal(SandboxFixtures.ExistingCreditLimitCoverId, answer.CoverId);
        var cover = Wire.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.ExistingCoverBuyerId}"), SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.Equal("NEW-REF", Wire.Text(cover, "customerRefNumber"));
        Assert.Empty(await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.ExistingCoverBuyerId}"));
    }

    [Fact]
    public async Task On_a_partly_approved_cover_the_decided_amount_keeps_the_cover_and_the_amount_applied_for_is_an_increase()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var coverId = (await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 80_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal(("DC04", 40_000m), (sandbox.GetCover(coverId)!.DecisionCode, sandbox.GetCover(coverId)!.DecisionAmount!.Value));

        // the cover's own amount with a new reference: the reference changes in place, nothing is underwritten
        var renamed = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.FairSpanishBuyerId, 40_000, reference: "NEW-REF"));
        Assert.Equal((HttpStatusCode.Created, coverId), (renamed.Status, renamed.CoverId));
        var kept = sandbox.GetCover(coverId)!;
        Assert.Equal(("DC04", 40_000m, "NEW-REF"), (kept.DecisionCode, kept.DecisionAmount!.Value, kept.CustomerRefNumber));
        Assert.Empty(await api.ListAsync($"{Covers}/applications?buyerId={SandboxFixtures.FairSpanishBuyerId}"));

        // the amount first applied for is more than the cover: an application for an increase, not a done deal
        var increase = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.FairSpanishBuyerId, 80_000));
        Assert.Equal(HttpStatusCode.Accepted, increase.Status);
        Assert.NotEqual(coverId, increase.CoverId);
        Assert.Equal("REFERRED", sandbox.GetCover(increase.CoverId)!.CoverStatus);
    }

    [Fact]
    public async Task A_refused_increase_is_answered_201_with_the_refusal_in_the_body_and_the_cover_stays()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var answer = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.DeterioratedBuyerId, 120_000));
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal("Action has been refused.", answer.Response);
        Assert.Equal(SandboxFixtures.DeterioratedBuyerCoverId, answer.CoverId);
        var cover = Assert.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.DeterioratedBuyerId}"));
        Assert.Equal("DC05", Wire.Text(cover, "decisionCode"));
        Assert.Equal(60_000m, Wire.DecisionAmount(cover));
    }

    [Fact]
    public async Task With_irregularities_off_a_refused_increase_answers_422()
    {
        await using var sandbox = await StartAsync(irregular: false);
        using var api = await CreateAsync(sandbox);
        var answer = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.DeterioratedBuyerId, 120_000));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal("Action has been refused.", answer.Detail);
    }

    [Fact]
    public async Task A_referred_supersede_keeps_the_old_cover_until_decided_and_blocks_another_change()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var referred = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.ExistingCoverBuyerId, 150_000));
        Assert.Equal(HttpStatusCode.Accepted, referred.Status);
        var covers = await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.ExistingCoverBuyerId}&coverType=credit-limit");
        Assert.Equal(2, covers.Count);
        var blocked = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.ExistingCoverBuyerId, 200_000));
        Assert.Equal(HttpStatusCode.BadRequest, blocked.Status);
        Assert.Equal("New Application cannot supersede existing cover", blocked.Detail);

        Assert.Equal(2, sandbox.DecideReferredApplications());
        var decided = Assert.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.ExistingCoverBuyerId}&coverType=credit-limit"));
        Assert.Equal(referred.CoverId, decided.GetProperty("coverId").GetInt64());
        Assert.Equal("DC02", Wire.Text(decided, "decisionCode"));
        Assert.Contains(await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.ExistingCoverBuyerId}"), c => Wire.Text(c, "historicCode") == "SCLD");
    }

    [Fact]
    public async Task A_referred_supersede_to_a_lower_amount_replaces_the_cover_once_decided()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var lower = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.ExistingCoverBuyerId, 60_000));
        Assert.Equal(HttpStatusCode.Accepted, lower.Status);

        sandbox.DecideReferredApplications();
        var decided = Assert.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.ExistingCoverBuyerId}&coverType=credit-limit"));
        Assert.Equal((lower.CoverId, "DC02", 60_000m), (decided.GetProperty("coverId").GetInt64(), Wire.Text(decided, "decisionCode"), Wire.DecisionAmount(decided)));
        Assert.Equal("SCLD", Wire.Text(Wire.Single(await api.ListAsync($"{Covers}/historic"), SandboxFixtures.ExistingCreditLimitCoverId), "historicCode"));
    }

    [Fact]
    public async Task Reduce_and_cancel_move_versions_to_the_historic_list()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var reduced = await api.PutAsync(Covers, Change("reduce", SandboxFixtures.ExistingCoverBuyerId, 50_000));
        Assert.Equal(HttpStatusCode.Created, reduced.Status);
        var cover = Wire.Single(await api.ListAsync(Covers), reduced.CoverId);
        Assert.Equal("DC10", Wire.Text(cover, "decisionCode"));
        Assert.Equal(50_000m, Wire.DecisionAmount(cover));
        Assert.Equal("ACLD", Wire.Text(Wire.Single(await api.ListAsync($"{Covers}/historic"), SandboxFixtures.ExistingCreditLimitCoverId), "historicCode"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsync(Covers, Change("reduce", SandboxFixtures.ExistingCoverBuyerId, 60_000))).Status);

        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.ExistingCoverBuyerId))).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.IndicationBuyerId, coverType: "indication"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.PendingApplicationBuyerId))).Status);
        var historic = await api.ListAsync($"{Covers}/historic");
        Assert.Equal("CCLD", Wire.Text(Wire.Single(historic, reduced.CoverId), "historicCode"));
        Assert.Equal("CIND", Wire.Text(Wire.Single(historic, SandboxFixtures.ConvertibleIndicationCoverId), "historicCode"));
        Assert.Equal("CCLA", Wire.Text(Wire.Single(historic, SandboxFixtures.PendingApplicationCoverId), "historicCode"));
        Assert.DoesNotContain(await api.ListAsync(Covers), c => c.GetProperty("coverId").GetInt64() == reduced.CoverId);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.ExistingCoverBuyerId))).Status);
    }

    [Fact]
    public async Task An_indication_converts_into_a_credit_limit_answered_as_one_cover()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        var answer = await api.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var cover = answer.Json.GetProperty("data");
        Assert.Equal(JsonValueKind.Object, cover.ValueKind);
        Assert.Equal("credit-limit", Wire.Text(cover, "coverType"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PatchAsync($"{Covers}/99/cover-type", null)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PatchAsync($"{Covers}/abc/cover-type", null)).Status);
    }

    [Fact]
    public async Task With_a_conversion_delay_an_indication_is_answered_pending_conversion_and_converted_once_the_delay_passed()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ConversionDelay = TimeSpan.FromHours(1) }, Ct);
        using var api = await CreateAsync(sandbox);
        var path = $"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type";

        var answer = await api.PatchAsync(path, """{"coverType":"credit-limit"}""");
        var again = await api.PatchAsync(path, """{"coverType":"credit-limit"}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var pending = answer.Json.GetProperty("data");
        Assert.Equal(("indication", "V"), (Wire.Text(pending, "coverType"), Wire.Text(pending, "pendingProcessIndicator")));
        Assert.Equal((HttpStatusCode.BadRequest, "coverId"), (again.Status, again.Parameter));
        Assert.Equal("indication", sandbox.GetCover(SandboxFixtures.ConvertibleIndicationCoverId)!.CoverType);

        sandbox.AdvanceTime(TimeSpan.FromHours(1));

        var converted = sandbox.GetCover(SandboxFixtures.ConvertibleIndicationCoverId)!;
        Assert.Equal(("credit-limit", (string?)null), (converted.CoverType, converted.PendingProcessIndicator));
    }

    [Fact]
    public async Task With_a_cancellation_delay_a_cover_stays_pending_cancellation_refuses_other_changes_and_ends_once_the_delay_passed()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { CancellationDelay = TimeSpan.FromHours(1) }, Ct);
        using var api = await CreateAsync(sandbox);

        var cancelled = await api.PutAsync(Covers, Change("cancel", SandboxFixtures.ExistingCoverBuyerId));
        var pending = sandbox.GetCover(SandboxFixtures.ExistingCreditLimitCoverId)!;
        var again = await api.PutAsync(Covers, Change("cancel", SandboxFixtures.ExistingCoverBuyerId));
        var raised = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.ExistingCoverBuyerId, 100_000));

        Assert.Equal(HttpStatusCode.Created, cancelled.Status);
        Assert.Equal(("C", "Pending Cancellation"), (pending.PendingProcessIndicator, (await api.ListAsync(Covers)).Where(c => c.GetProperty("coverId").ToString() == SandboxFixtures.ExistingCreditLimitCoverId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(c => Wire.Text(c, "pendingProcessStatus")).Single()));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (again.Status, raised.Status));

        sandbox.AdvanceTime(TimeSpan.FromHours(1));

        Assert.Null(sandbox.GetCover(SandboxFixtures.ExistingCreditLimitCoverId));
        Assert.Contains(sandbox.GetCovers(), c => c.CoverId == SandboxFixtures.ExistingCreditLimitCoverId && c.HistoricCode == "CCLD");
    }

    [Fact]
    public async Task An_indication_pending_cancellation_is_not_converted_and_still_ends()
    {
        // Before, the conversion was made and the cancellation dropped: a credit limit pending cancellation for ever.
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { CancellationDelay = TimeSpan.FromHours(1) }, Ct);
        using var api = await CreateAsync(sandbox);

        var cancelled = await api.PutAsync(Covers, Change("cancel", SandboxFixtures.IndicationBuyerId, coverType: "indication"));
        var converted = await api.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}""");
        sandbox.AdvanceTime(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.Created, cancelled.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "coverId"), (converted.Status, converted.Parameter));
        Assert.Null(sandbox.GetCover(SandboxFixtures.ConvertibleIndicationCoverId));
        Assert.Contains(sandbox.GetCovers(), c => c.CoverId == SandboxFixtures.ConvertibleIndicationCoverId && c.HistoricCode == "CIND");
    }

    [Fact]
    public async Task An_indication_pending_conversion_takes_a_new_reference_and_is_still_converted_but_refuses_a_new_amount()
    {
        // Before, the new reference dropped the conversion: the indication stayed pending conversion for ever.
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { ConversionDelay = TimeSpan.FromHours(1) }, Ct);
        using var api = await CreateAsync(sandbox);
        await api.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}""");

        var renamed = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.IndicationBuyerId, 30_000, "indication", reference: "NEW-REF"));
        var raised = await api.PutAsync(Covers, Change("supersede", SandboxFixtures.IndicationBuyerId, 40_000, "indication"));
        var reduced = await api.PutAsync(Covers, Change("reduce", SandboxFixtures.IndicationBuyerId, 20_000, "indication"));
        sandbox.AdvanceTime(TimeSpan.FromHours(1));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (renamed.Status, raised.Status, reduced.Status));
        var cover = sandbox.GetCover(SandboxFixtures.ConvertibleIndicationCoverId)!;
        Assert.Equal(("credit-limit", (string?)null, "NEW-REF"), (cover.CoverType, cover.PendingProcessIndicator, cover.CustomerRefNumber));
    }

    [Theory]
    [InlineData("cancellation")]
    [InlineData("conversion")]
    public async Task An_insurers_notice_is_refused_while_a_cancellation_or_conversion_is_pending(string pending)
    {
        // Before, the notice replaced the pending process, and the accepted cancellation or conversion never came.
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { CancellationDelay = TimeSpan.FromHours(1), ConversionDelay = TimeSpan.FromHours(1) }, Ct);
        using var api = await CreateAsync(sandbox);
        var coverId = pending == "cancellation" ? SandboxFixtures.ExistingCreditLimitCoverId : SandboxFixtures.ConvertibleIndicationCoverId;
        var accepted = pending == "cancellation"
            ? (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.ExistingCoverBuyerId))).Status
            : (await api.PatchAsync($"{Covers}/{coverId}/cover-type", """{"coverType":"credit-limit"}""")).Status;

        var notice = await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.NotifyWithdrawalAsync(coverId, Ct));
        sandbox.AdvanceTime(TimeSpan.FromHours(1));

        Assert.True(accepted is HttpStatusCode.Created or HttpStatusCode.OK);
        Assert.Contains("is pending " + pending, notice.Message, StringComparison.Ordinal);
        if (pending == "cancellation")
        {
            Assert.Contains(sandbox.GetCovers(), c => c.CoverId == coverId && c.HistoricCode == "CCLD");
        }
        else
        {
            Assert.Equal("credit-limit", sandbox.GetCover(coverId)!.CoverType);
        }
    }

    [Fact]
    public async Task A_negative_conversion_delay_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { ConversionDelay = TimeSpan.FromSeconds(-1) }, Ct));

        Assert.Contains("ConversionDelay must not be negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indication_under_an_expired_policy_is_not_converted()
    {
        // A conversion makes a credit limit, which an expired policy no longer takes (as a supersede is refused).
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromDays(2000) }, Ct);
        using var api = await CreateAsync(sandbox);
        sandbox.AdvanceTime(TimeSpan.FromDays(1100));

        var answer = await api.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}""");

        Assert.Equal((HttpStatusCode.BadRequest, "policyId"), (answer.Status, answer.Parameter));
        Assert.Equal("indication", sandbox.GetCover(SandboxFixtures.ConvertibleIndicationCoverId)!.CoverType);

        // What a test can ask before it applies: live when the world was made, not by the clock's day.
        var today = DateOnly.FromDateTime(sandbox.Clock.GetUtcNow().UtcDateTime);
        var expired = sandbox.World.FindPolicy(SandboxFixtures.EuroPolicyId)!;
        Assert.True(expired.IsLive);
        Assert.False(expired.IsLiveOn(today));
        Assert.Null(sandbox.World.FindLivePolicy(SandboxFixtures.EuroCustomerId, today));
    }

    [Fact]
    public async Task A_converted_indication_keeps_its_decision_and_a_partial_one_stays_partial()
    {
        await using var sandbox = await StartAsync(irregular: false);
        using var api = await CreateAsync(sandbox);
        var indication = await api.PostAsync(Covers, Application(SandboxFixtures.FairSpanishBuyerId, 100_000, "indication"));
        Assert.Equal(HttpStatusCode.Created, indication.Status);
        Assert.Equal(("DC04", 50_000m), (sandbox.GetCover(indication.CoverId)!.DecisionCode, sandbox.GetCover(indication.CoverId)!.DecisionAmount!.Value));

        var answer = await api.PatchAsync($"{Covers}/{indication.CoverId}/cover-type", """{"coverType":"credit-limit"}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var cover = answer.Json.GetProperty("data");
        Assert.Equal("credit-limit", Wire.Text(cover, "coverType"));
        Assert.Equal("DC04", Wire.Text(cover, "decisionCode"));
        Assert.Equal(50_000m, Wire.DecisionAmount(cover));

        // a fully approved indication stays fully approved
        var full = await api.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}""");
        Assert.Equal("DC01", Wire.Text(full.Json.GetProperty("data"), "decisionCode"));
    }

    [Fact]
    public async Task A_cover_cancelled_under_an_insurers_notice_keeps_no_withdrawal_date()
    {
        await using var sandbox = await StartAsync(irregular: false);
        using var api = await CreateAsync(sandbox);
        var notified = await sandbox.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
        Assert.NotNull(notified.WithdrawalDate);

        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync(Covers, Change("cancel", SandboxFixtures.ExistingCoverBuyerId))).Status);
        var cancelled = Assert.Single(sandbox.GetCovers(), c => c.CoverId == SandboxFixtures.ExistingCreditLimitCoverId && c.HistoricCode == "CCLD");
        Assert.Null(cancelled.PendingProcessIndicator);
        Assert.Null(cancelled.WithdrawalDate);
        var historic = Wire.Single(await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.ExistingCoverBuyerId}&coverType=credit-limit"), SandboxFixtures.ExistingCreditLimitCoverId);
        Assert.True(!historic.TryGetProperty("withdrawalDate", out var date) || date.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task An_indication_converts_beside_a_refused_credit_limit_which_becomes_history()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        sandbox.ChangeBuyerRating(SandboxFixtures.IndicationBuyerId, 80);
        var refusedId = (await api.PostAsync(Covers, Application(SandboxFixtures.IndicationBuyerId, 50_000))).CoverId;
        sandbox.DecideReferredApplications();
        Assert.Equal("DC03", sandbox.GetCover(refusedId)!.DecisionCode);

        var answer = await api.PatchAsync($"{Covers}/{SandboxFixtures.ConvertibleIndicationCoverId}/cover-type", """{"coverType":"credit-limit"}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var creditLimit = Assert.Single(await api.ListAsync($"{Covers}?buyerId={SandboxFixtures.IndicationBuyerId}&coverType=credit-limit"));
        Assert.Equal(SandboxFixtures.ConvertibleIndicationCoverId, creditLimit.GetProperty("coverId").GetInt64());
        Assert.Equal("RCLA", Wire.Text(Wire.Single(await api.ListAsync($"{Covers}/historic?buyerId={SandboxFixtures.IndicationBuyerId}"), refusedId), "historicCode"));
    }

    [Fact]
    public async Task Lists_filter_and_refuse_unknown_query_parameters()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        Assert.All(await api.ListAsync($"{Covers}?coverType=indication"), c => Assert.Equal("indication", Wire.Text(c, "coverType")));
        Assert.All(await api.ListAsync($"{Covers}/applications"), c => Assert.Equal("REFERRED", Wire.Text(c, "coverStatus")));
        Assert.All(await api.ListAsync($"{Covers}/decisions"), c => Assert.Equal("DECISION", Wire.Text(c, "coverStatus")));
        Assert.All(await api.ListAsync($"{Covers}/historic"), c => Assert.NotNull(Wire.Text(c, "historicCode")));
        Assert.Contains(await api.ListAsync($"{Covers}/historic"), c => c.GetProperty("coverId").GetInt64() == SandboxFixtures.SupersededCreditLimitCoverId);

        var unknown = await api.GetAsync($"{Covers}/decisions?fromDate=2026-01-01T00:00:00");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("Unknown query parameter", unknown.Detail);
        Assert.Equal("fromDate", unknown.Parameter);
        Assert.Equal("cursor", (await api.GetAsync($"{Covers}?cursor=abc")).Parameter);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"{Covers}?fromDate=2026-01-01T00:00:00Z")).Status);
    }

    [Fact]
    public async Task From_date_keeps_only_covers_that_changed_at_or_after_it()
    {
        await using var sandbox = await StartAsync();
        using var api = await CreateAsync(sandbox);
        sandbox.AdvanceTime(TimeSpan.FromMinutes(1));
        var since = sandbox.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        sandbox.AdvanceTime(TimeSpan.FromSeconds(2));
        var created = (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 20_000))).CoverId;
        var changed = await api.ListAsync($"{Covers}?fromDate={since}");
        Assert.Equal([created], changed.Select(c => c.GetProperty("coverId").GetInt64()));
        Assert.True((await api.ListAsync($"{Covers}?fromDate=2000-01-01T00:00:00")).Count > 10);
    }
}
