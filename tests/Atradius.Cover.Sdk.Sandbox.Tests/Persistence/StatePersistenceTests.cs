namespace Atradius.Cover.Sdk.Sandbox.Tests.Persistence;

public sealed class StatePersistenceTests
{
    [Fact]
    public async Task Saved_state_is_loaded_by_the_next_sandbox()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cover-sandbox-{Guid.NewGuid():N}.json");
        try
        {
            long created;
            IReadOnlyList<SandboxCover> before;
            await using (var first = await CoverSandbox.StartAsync(new CoverSandboxOptions { Seed = 5, BuyerCount = 120 }, Ct))
            {
                using var api = await CreateAsync(first);
                created = (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 5000))).CoverId;
                await api.PutAsync($"{Covers}/{created}", """{"action":"update-reference","customerRefNumber":"KEEP"}""");
                await api.PostAsync(Covers, Application(SandboxFixtures.SatisfactoryGermanBuyerId, 500000)); // referred, pending
                await first.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
                before = first.GetCovers();
                await first.SaveAsync(path, Ct);
            }

            await using var second = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path, TokenLifetime = TimeSpan.FromDays(60) }, Ct);
            Assert.Equal(5, second.World.Seed);
            Assert.Equal(120, second.World.Buyers.Count);
            Assert.Equal(before, second.GetCovers());
            using var api2 = await CreateAsync(second);
            var history = await api2.GetAsync($"{Covers}/{created}/history");
            Assert.Equal(2, history.Json.GetProperty("data").GetArrayLength());
            Assert.Equal(HttpStatusCode.Conflict, (await api2.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 5000))).Status);

            // pending events survive: the referral and the notice still happen
            second.AdvanceTime(TimeSpan.FromDays(31));
            Assert.Equal("WCLD", second.GetCover(SandboxFixtures.ExistingCreditLimitCoverId)!.HistoricCode);
            Assert.Equal("DECISION", second.GetCovers().Single(c => c.BuyerId == SandboxFixtures.SatisfactoryGermanBuyerId).CoverStatus);

            // new ids continue after the saved ones
            var next = await api2.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, 5000));
            Assert.True(next.CoverId > before.Max(c => c.CoverId));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task State_path_is_written_on_dispose()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cover-sandbox-{Guid.NewGuid():N}.json");
        try
        {
            await using (var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct))
            {
                using var api = await CreateAsync(sandbox);
                await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 5000));
            }

            Assert.True(File.Exists(path));
            await using var again = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct);
            Assert.Contains(again.GetCovers(), c => c.BuyerId == SandboxFixtures.WellRatedDutchBuyerId);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
