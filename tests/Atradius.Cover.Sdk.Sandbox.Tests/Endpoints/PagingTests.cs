using System.Text.Json;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

public sealed class PagingTests
{
    private static async Task<List<JsonElement>> ReadAllAsync(ApiClient api, string path, int pageSize, Func<int, Task>? betweenPages = null)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        var page = 0;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var answer = await api.GetAsync($"{path}{separator}pageSize={pageSize}{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            var json = answer.Json;
            Assert.Equal(pageSize, json.GetProperty("meta").GetProperty("pageSize").GetInt32());
            items.AddRange(json.GetProperty("data").EnumerateArray());
            cursor = json.GetProperty("meta").GetProperty("nextCursor").GetString();
            if (cursor is not null && betweenPages is not null)
            {
                await betweenPages(page);
            }

            page++;
        }
        while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task Portfolio_pages_skip_and_repeat_nothing_while_covers_are_added_and_changed_between_pages()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { GeneratedCoverCount = 200 }, Ct);
        using var api = await CreateAsync(sandbox);
        var before = sandbox.GetCovers().Where(c => c.IsCurrent).Select(c => c.CoverId).ToList();
        var buyers = new Queue<long>([SandboxFixtures.WellRatedDutchBuyerId, SandboxFixtures.VeryGoodBritishBuyerId, SandboxFixtures.SatisfactoryGermanBuyerId, SandboxFixtures.FairSpanishBuyerId, SandboxFixtures.WeakSwedishBuyerId]);
        var seen = await ReadAllAsync(api, Covers, 37, async page =>
        {
            if (buyers.Count > 0)
            {
                await api.PostAsync(Covers, Application(buyers.Dequeue(), 5000));
            }

            // change a cover already read and one not read yet
            await api.PutAsync($"{Covers}/{before[page]}", $$"""{"action":"update-reference","customerRefNumber":"p{{page}}"}""");
            await api.PutAsync($"{Covers}/{before[^(page + 1)]}", $$"""{"action":"update-reference","customerRefNumber":"q{{page}}"}""");
        });
        var ids = seen.Select(c => c.GetProperty("coverId").GetInt64()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), before.ToHashSet());
        Assert.Equal(ids.Order().ToList(), ids);
        Assert.Equal(before.Count + 5, ids.Count); // the new covers have higher ids, so they come on later pages
    }

    [Fact]
    public async Task Decisions_since_are_inclusive_oldest_change_first_and_a_changed_cover_comes_again()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var created = await api.PostAsync(Covers, Application(SandboxFixtures.WellRatedDutchBuyerId, 5000));
        var since = created.Json.GetProperty("updatedAt").GetString()!;
        await api.PostAsync(Covers, Application(SandboxFixtures.VeryGoodBritishBuyerId, 5000));

        var rest = await ReadAllAsync(api, $"{Covers}/decisions?updatedSince={Uri.EscapeDataString(since)}", 1, async page =>
        {
            // change the first cover between pages: it comes again, after the second
            if (page == 0)
            {
                await api.PutAsync($"{Covers}/{created.CoverId}", """{"action":"reduce","creditLimitAmount":1000}""");
            }
        });
        Assert.Equal(created.CoverId, rest[0].GetProperty("coverId").GetInt64()); // inclusive
        rest.RemoveAt(0);
        var order = rest.Select(c => (c.GetProperty("coverId").GetInt64(), c.GetProperty("version").GetInt32())).ToList();
        Assert.Equal(2, order.Count);
        Assert.Equal((created.CoverId, 2), order[1]);
        var times = rest.Select(c => c.GetProperty("updatedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order().ToList(), times);

        var future = await api.GetAsync($"{Covers}/decisions?updatedSince={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}");
        Assert.Empty(future.Json.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Filters_narrow_every_list()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { GeneratedCoverCount = 300 }, Ct);
        using var api = await CreateAsync(sandbox);
        var sterling = await ReadAllAsync(api, $"{Covers}?policyId={SandboxFixtures.SterlingPolicyId}", 50);
        Assert.NotEmpty(sterling);
        Assert.All(sterling, c => Assert.Equal("GBP", c.GetProperty("currencyCode").GetString()));
        var checks = await ReadAllAsync(api, $"{Covers}?coverType=credit-check&customerId={SandboxFixtures.EuroCustomerId}", 10);
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("creditLimitApplicationAmount").ValueKind));
        var one = await ReadAllAsync(api, $"{Covers}?buyerId={SandboxFixtures.ExistingCoverBuyerId}", 10);
        Assert.Equal(SandboxFixtures.ExistingCreditLimitCoverId, Assert.Single(one).GetProperty("coverId").GetInt64());
        var pending = await ReadAllAsync(api, $"{Covers}/applications", 10);
        Assert.Equal(SandboxFixtures.PendingApplicationCoverId, Assert.Single(pending).GetProperty("coverId").GetInt64());
        var historic = await ReadAllAsync(api, $"{Covers}/historic", 1);
        Assert.Equal(["CCLD", "SCLD"], historic.Select(c => c.GetProperty("historicCode").GetString()));
        var everything = sandbox.GetCovers().Count(c => c.IsCurrent);
        Assert.Equal(everything, (await ReadAllAsync(api, Covers, 1000)).Count);
        Assert.Equal(everything, (await ReadAllAsync(api, Covers, 1)).Count);
    }
}
