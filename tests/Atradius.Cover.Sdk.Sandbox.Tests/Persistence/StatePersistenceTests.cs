using Atradius.Cover.Sdk.Sandbox.Security;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Persistence;

public sealed class StatePersistenceTests
{
    [Fact]
    public async Task Saved_state_is_loaded_by_the_next_sandbox_with_its_pending_events_and_clock()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cover-sandbox-{Guid.NewGuid():N}.json");
        try
        {
            long created;
            IReadOnlyList<SandboxCover> before;
            await using (var first = await CoverSandbox.StartAsync(new CoverSandboxOptions { Seed = 5, BuyerCount = 120, ReferralDelay = TimeSpan.FromHours(1) }, Ct))
            {
                using var api = await CreateAsync(first);
                created = (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 5000))).CoverId;
                await api.PutAsync(Covers, Change("supersede", SandboxFixtures.WellRatedDutchBuyerId, 5000, reference: "KEEP"));
                await api.PostAsync(Covers, Application(SandboxFixtures.SatisfactoryGermanBuyerId, 500000)); // referred, pending
                await first.NotifyWithdrawalAsync(SandboxFixtures.ExistingCreditLimitCoverId, Ct);
                first.AdvanceTime(TimeSpan.FromMinutes(5));
                before = first.GetCovers();
                await first.SaveAsync(path, Ct);
            }

            await using var second = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path, ReferralDelay = TimeSpan.FromHours(1) }, Ct);
            Assert.Equal(5, second.World.Seed);
            Assert.Equal(120, second.World.Buyers.Count);
            Assert.Equal(before, second.GetCovers());
            Assert.True(second.Clock.Offset >= TimeSpan.FromMinutes(5));
            Assert.Equal("KEEP", second.GetCover(created)!.CustomerRefNumber);

            // what was pending still happens on the clock
            second.AdvanceTime(TimeSpan.FromDays(31));
            Assert.Contains(second.GetCovers(), c => c.CoverId == SandboxFixtures.ExistingCreditLimitCoverId && c.HistoricCode == "WCLD");
            Assert.Contains(second.GetCovers(), c => c.BuyerId == SandboxFixtures.SatisfactoryGermanBuyerId && c.DecisionCode == "DC02");
            using var api2 = await CreateAsync(second);
            Assert.Equal(HttpStatusCode.OK, (await api2.GetAsync(Covers)).Status);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }

    [Fact]
    public async Task A_reloaded_state_keeps_the_policy_dates_it_was_saved_with()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cover-sandbox-{Guid.NewGuid():N}.json");
        try
        {
            IReadOnlyList<SandboxPolicy> before;
            string liveStatus;
            await using (var first = await CoverSandbox.StartAsync(new CoverSandboxOptions(), Ct))
            {
                // two years on, the policies made at the start have expired
                first.AdvanceTime(TimeSpan.FromDays(800));
                before = first.World.Policies;
                using var api = await CreateAsync(first);
                liveStatus = (await api.GetAsync($"{Policy}?policyId={SandboxFixtures.EuroPolicyId}")).Json.GetProperty("data").GetProperty("policyStatus").GetString()!;
                Assert.Equal("expired", liveStatus);
                await first.SaveAsync(path, Ct);
            }

            await using var second = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct);
            Assert.Equal(before, second.World.Policies);
            using var api2 = await CreateAsync(second);
            Assert.Equal(liveStatus, (await api2.GetAsync($"{Policy}?policyId={SandboxFixtures.EuroPolicyId}")).Json.GetProperty("data").GetProperty("policyStatus").GetString());
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("{\"formatVersion\": 99}")]
    [InlineData("{}")]
    [InlineData("{\"Logging\":{\"LogLevel\":{\"Default\":\"Information\"}}}")]
    public async Task A_state_file_that_cannot_be_read_is_named_in_the_error(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cover-sandbox-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, content, Ct);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Equal(content, await File.ReadAllTextAsync(path, Ct));
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }

    [Theory]
    [InlineData("current", "null")]
    [InlineData("historic", "null")]
    [InlineData("events", "null")]
    [InlineData("ratings", "null")]
    [InlineData("current", "[null]")]
    [InlineData("historic", "[null]")]
    [InlineData("events", "[null]")]
    [InlineData("ratings", "[null]")]
    [InlineData("current", """[{"coverId":70001999,"totalDecision":{"amount":1000,"conditions":null}}]""")]
    [InlineData("historic", """[{"coverId":70001999,"firstAmtDecision":{"amount":1000,"conditions":[null]}}]""")]
    public async Task A_state_file_with_a_null_list_or_a_null_in_a_list_is_named_in_the_error(string list, string value)
    {
        // Before, such a file failed at start with a NullReferenceException, or loaded and failed later reads.
        var path = Path.Combine(Path.GetTempPath(), $"cover-sandbox-null-{Guid.NewGuid():N}.json");
        var content = $$"""{"formatVersion":3,"seed":42,"buyerCount":300,"nextCoverId":70002000,"{{list}}":{{value}}}""";
        await File.WriteAllTextAsync(path, content, Ct);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains($"\"{list}\"", error.Message, StringComparison.Ordinal);
            Assert.Equal(content, await File.ReadAllTextAsync(path, Ct));
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }

    [Fact]
    public async Task A_state_file_that_cannot_be_written_still_lets_the_sandbox_stop()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cover-sandbox-gone-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = Path.Combine(folder, "state.json") }, Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        Directory.Delete(folder, recursive: true);

        await Assert.ThrowsAsync<DirectoryNotFoundException>(async () => await sandbox.DisposeAsync());

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(Covers, Ct));
    }

    [Fact]
    public async Task A_state_file_in_a_folder_that_does_not_exist_is_refused_at_the_start()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cover-sandbox-missing-{Guid.NewGuid():N}", "state.json");

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_state_path_that_names_no_file_is_refused_at_the_start_before_any_lock_is_taken(string? blankOrFolder)
    {
        // Before, an empty path took "./.lock", and a folder's path a lock beside the folder; the sandbox ran, and
        // DisposeAsync threw on the save, the state lost. (null: a folder that exists.)
        var folder = Path.Combine(Path.GetTempPath(), $"cover-sandbox-folder-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = blankOrFolder ?? folder;
        try
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct));

            Assert.Equal("options", refused.ParamName);
            Assert.Contains(nameof(CoverSandboxOptions.StatePath), refused.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(folder + ".lock"));
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            File.Delete(folder + ".lock");
        }
    }

    [Fact]
    public async Task A_second_sandbox_on_a_state_file_in_use_is_refused_and_the_first_ones_covers_are_kept()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cover-sandbox-shared-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "state.json");
        try
        {
            long created;
            await using (var first = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct))
            {
                var refused = await Assert.ThrowsAsync<IOException>(() => CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct));
                Assert.Contains(path, refused.Message, StringComparison.Ordinal);

                using var api = await CreateAsync(first);
                created = (await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 5000))).CoverId;
            }

            // given up on dispose: the next sandbox starts on the file and holds what the first made
            await using var next = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct);
            Assert.NotNull(next.GetCover(created));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_sandbox_that_could_not_start_gives_its_state_file_up()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cover-sandbox-failed-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "state.json");
        try
        {
            var broken = new CoverSandboxOptions { StatePath = path };
            broken.AdditionalClients.Add(new SandboxClient(SandboxFixtures.ReadWriteClientId, "secret", null, SandboxFixtures.EuroCustomerId, SandboxFixtures.EuroPolicyId));
            await Assert.ThrowsAsync<ArgumentException>(() => CoverSandbox.StartAsync(broken, Ct));

            await using var started = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct);
            Assert.NotEmpty(started.GetCovers());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Saves_to_one_path_at_the_same_time_all_succeed_and_leave_a_loadable_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cover-sandbox-saves-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "state.json");
        try
        {
            await using (var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = 2000, GeneratedCoverCount = 3000 }, Ct))
            {
                await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => sandbox.SaveAsync(path, Ct), Ct)));
            }

            Assert.Equal(["state.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
            await using var loaded = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = path }, Ct);
            Assert.Equal(2000, loaded.World.Buyers.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
