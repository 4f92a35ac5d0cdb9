using System.Diagnostics;
using System.Globalization;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Portfolio;
using Atradius.Cover.Sdk.Sandbox.Hosting;

/// <summary>
/// A batch of N applications through the in-process sandbox injecting faults at about 20 % (429, 503, response
/// dropped after commit, 502/504 after commit, body cut after commit, a little latency), run with a SQLite batch
/// record until complete, as a user would; then checked against what the sandbox holds, not what the SDK says.
/// </summary>
/// <remarks>
/// <c>batch N [seed]</c> runs the batch in this process. <c>batch-kill N [seed]</c> runs it first in a child process
/// (this program, mode <c>batch-child</c>) that is killed, process tree and all, once about half the items are
/// finished, and then here until complete (the first run here waits for the killed child's lease on the batch to
/// expire, five seconds at most). The child gets the sandbox's address and credentials through
/// environment variables and the applications through a file whose amounts are written with decimals
/// (<c>20000.00</c>), so the re-run here also proves that content, not its spelling, is an item's identity.
/// </remarks>
internal static class BatchVolume
{
    private const string BatchId = "volume";

    private static readonly TimeSpan ChildLeaseDuration = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(bool kill, int count, int seed, double share, string folder)
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions
        {
            BuyerCount = count + 100,
            GeneratedCoverCount = 0,
            TokenLifetime = TimeSpan.FromDays(1),
            ReferralDelay = TimeSpan.FromSeconds(2),
            Irregularities = true,
        });
        var credentials = sandbox.ReadWriteClient;
        var taken = sandbox.GetCovers().Select(c => c.BuyerId).ToHashSet();
        var buyers = sandbox.World.Buyers.Where(b => !taken.Contains(b.BuyerId)).Take(count).ToList();
        if (buyers.Count < count)
        {
            throw new InvalidOperationException("The sandbox has only " + buyers.Count.ToString(CultureInfo.InvariantCulture) + " free buyers.");
        }

        // Amounts from 10,000 to 155,000: above 100,000, or on a buyer rated worse than 40, the application is referred;
        // ratings worse than 70 end refused, which the real service lets a new application replace.
        var applications = buyers.Select((b, i) => new CoverApplication
        {
            BuyerId = b.BuyerId,
            CreditLimitAmount = 10_000m + (i % 30) * 5_000m,
            CurrencyCode = "EUR",
            CustomerReference = "VOL-" + i.ToString(CultureInfo.InvariantCulture),
        }).ToList();

        var faults = sandbox.Faults;
        faults.Seed = seed;
        faults.RateLimitedShare = share;
        faults.ServiceUnavailableShare = share;
        faults.DroppedResponseShare = share;
        faults.BadGatewayAfterCommitShare = share;
        faults.CutBodyShare = share;
        faults.RetryAfterSeconds = 0;
        faults.MinLatency = TimeSpan.FromMilliseconds(1);
        faults.MaxLatency = TimeSpan.FromMilliseconds(5);

        var databasePath = Path.Combine(folder, "batch.db");
        var clock = Stopwatch.StartNew();
        var runs = new List<string>();
        if (kill)
        {
            var killedAt = await RunChildUntilHalfAsync(sandbox, applications, databasePath, count);
            int inFlight;
            using (var killed = new SqliteCoverPortfolioStore(databasePath))
            {
                await killed.InitializeAsync();
                inFlight = (await killed.GetBatchItemsAsync(BatchId)).Count(i => i.State is BatchItemState.InFlight or BatchItemState.Ambiguous);
            }

            runs.Add("child killed at " + killedAt.ToString(CultureInfo.InvariantCulture) + " finished items, leaving " + inFlight.ToString(CultureInfo.InvariantCulture) + " in flight or ambiguous (run 1 waits up to " + ChildLeaseDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s for its lease on the batch to expire)");
        }

        CoverBatchResult result;
        var sentInProcess = 0;
        using (var store = new SqliteCoverPortfolioStore(databasePath))
        {
            await store.InitializeAsync();
            await using var client = new CoverClient(ClientOptions(sandbox.BaseAddress, sandbox.AtradiusTokenEndpoint, credentials.ClientId, credentials.ClientSecret, credentials.AppKey!, credentials.CustomerId, credentials.PolicyId));
            var runner = new CoverBatchRunner(client, store, new CoverBatchOptions { MaxConcurrency = 8 });
            var run = 0;
            do
            {
                run++;
                result = await runner.RunAsync(BatchId, applications);
                sentInProcess += result.Sent;
                runs.Add("run " + run.ToString(CultureInfo.InvariantCulture) + ": sent " + result.Sent.ToString(CultureInfo.InvariantCulture) + ", unresolved " + result.Items.Count(i => i.Status == CoverBatchItemStatus.Unresolved).ToString(CultureInfo.InvariantCulture));
            }
            while (!result.IsComplete && run < 20);
        }

        clock.Stop();
        var statistics = sandbox.Statistics;
        var requests = statistics.Requests;
        var faultCounts = string.Create(CultureInfo.InvariantCulture, $"429 {statistics.RateLimitedResponses}, 503 {statistics.ServiceUnavailableResponses}, dropped after commit {statistics.DroppedResponses}, 502/504/cut after commit {statistics.AfterCommitFaults}");
        faults.Reset();

        var check = Verify(sandbox, credentials.CustomerId, credentials.PolicyId, applications, result);
        Console.WriteLine((kill ? "batch-kill" : "batch") + string.Create(CultureInfo.InvariantCulture, $"\t{count} items\tseed {seed}\tfaults {share * 5:P0}\t{clock.Elapsed.TotalSeconds:0.0} s\t{count / clock.Elapsed.TotalSeconds:0} items/s\tcomplete {result.IsComplete}"));
        Console.WriteLine("  runs: " + string.Join("; ", runs));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  requests {requests} (API and token), faults injected {statistics.FaultsInjected}: {faultCounts}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  applications created at the service {statistics.ApplicationsCreated}; sent by the last process {sentInProcess}"));
        Console.WriteLine("  items: " + string.Join(", ", result.Items.GroupBy(Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " " + g.Count().ToString(CultureInfo.InvariantCulture))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  covers held for the batch's content {check.Held}, duplicates {check.Duplicates}, lost {check.Lost}, mismatches {check.Mismatches.Count}"));
        foreach (var mismatch in check.Mismatches.Take(20))
        {
            Console.WriteLine("    " + mismatch);
        }

        return check.Duplicates == 0 && check.Lost == 0 && check.Mismatches.Count == 0 && result.IsComplete && check.Held == count ? 0 : 1;
    }

    /// <summary>The hidden child mode: runs the batch once against the parent's sandbox, printing progress, until killed.</summary>
    public static async Task<int> ChildAsync(string applicationsPath, string databasePath)
    {
        var applications = File.ReadLines(applicationsPath).Select(line => line.Split(';')).Select(f => new CoverApplication
        {
            BuyerId = long.Parse(f[0], CultureInfo.InvariantCulture),
            CreditLimitAmount = decimal.Parse(f[1], CultureInfo.InvariantCulture),
            CurrencyCode = f[2],
            CustomerReference = f[3],
        }).ToList();
        string Setting(string name) => Environment.GetEnvironmentVariable("BATCH_" + name) ?? throw new InvalidOperationException("BATCH_" + name + " is not set.");
        using var store = new SqliteCoverPortfolioStore(databasePath);
        await store.InitializeAsync();
        await using var client = new CoverClient(ClientOptions(new Uri(Setting("BASE")), new Uri(Setting("TOKEN")), Setting("CLIENT_ID"), Setting("CLIENT_SECRET"), Setting("APP_KEY"), long.Parse(Setting("CUSTOMER_ID"), CultureInfo.InvariantCulture), Setting("POLICY_ID")));
        var progress = new ConsoleProgress();

        // The killed child's lease on the batch holds it until it expires: a short one keeps the parent's wait for it to a
        // few seconds of the figure, and still leaves a loaded machine most of a second for each renewal.
        var options = new CoverBatchOptions { MaxConcurrency = 8, LeaseDuration = ChildLeaseDuration };
        var result = await new CoverBatchRunner(client, store, options).RunAsync(BatchId, applications, progress);
        Console.WriteLine("done " + result.Items.Count(i => i.Status != CoverBatchItemStatus.Unresolved).ToString(CultureInfo.InvariantCulture) + " finished; " + string.Join("; ", result.Items.Where(i => i.Error is not null).Select(i => i.Error).Distinct().Take(3)));
        return 0;
    }

    private static async Task<int> RunChildUntilHalfAsync(CoverSandbox sandbox, List<CoverApplication> applications, string databasePath, int count)
    {
        var applicationsPath = databasePath + ".applications";
        await File.WriteAllLinesAsync(applicationsPath, applications.Select(a => string.Join(';', a.BuyerId.ToString(CultureInfo.InvariantCulture), a.CreditLimitAmount!.Value.ToString("0.00", CultureInfo.InvariantCulture), a.CurrencyCode, a.CustomerReference)));
        var credentials = sandbox.ReadWriteClient;
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).StartsWith("Atradius", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(BatchVolume).Assembly.Location);
        }

        foreach (var argument in new[] { "batch-child", applicationsPath, databasePath })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BATCH_BASE"] = sandbox.BaseAddress.ToString();
        start.Environment["BATCH_TOKEN"] = sandbox.AtradiusTokenEndpoint.ToString();
        start.Environment["BATCH_CLIENT_ID"] = credentials.ClientId;
        start.Environment["BATCH_CLIENT_SECRET"] = credentials.ClientSecret;
        start.Environment["BATCH_APP_KEY"] = credentials.AppKey!;
        start.Environment["BATCH_CUSTOMER_ID"] = credentials.CustomerId.ToString(CultureInfo.InvariantCulture);
        start.Environment["BATCH_POLICY_ID"] = credentials.PolicyId;
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        var finished = 0;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("progress ", StringComparison.Ordinal))
            {
                finished = int.Parse(line.AsSpan("progress ".Length), CultureInfo.InvariantCulture);
                if (finished >= count / 2)
                {
                    child.Kill(entireProcessTree: true);
                    break;
                }
            }
            else if (line.StartsWith("done", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The child finished the batch before it could be killed: " + line);
            }
        }

        await child.WaitForExitAsync();
        return finished;
    }

    private static CoverClientOptions ClientOptions(Uri baseAddress, Uri tokenEndpoint, string clientId, string clientSecret, string appKey, long customerId, string policyId)
    {
        var options = new CoverClientOptions
        {
            BaseAddress = baseAddress,
            TokenEndpoint = tokenEndpoint,
            ClientId = clientId,
            ClientSecret = clientSecret,
            AppKey = appKey,
            CustomerId = customerId,
            PolicyId = policyId,
        };

        // As the load test: quick retries (the sandbox's faults are instantaneous), room for a busy machine per attempt,
        // a breaker that opens only when nearly everything fails.
        options.Resilience.MaxRetryAttempts = 4;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(2);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(60);
        options.Resilience.CircuitBreakerFailureRatio = 0.9;
        return options;
    }

    private static string Outcome(CoverBatchItemResult item) =>
        item.Status + (item.Recovered ? " (recovered)" : string.Empty) + (item.CoverId is null && item.Status is CoverBatchItemStatus.Decided or CoverBatchItemStatus.Referred ? " (cover id unknown)" : string.Empty);

    private static (int Held, int Duplicates, int Lost, List<string> Mismatches) Verify(CoverSandbox sandbox, long customerId, string policyId, List<CoverApplication> applications, CoverBatchResult result)
    {
        var byBuyer = sandbox.GetCovers()
            .Where(c => c.CustomerId == customerId && c.PolicyId == policyId && c.CoverType == "credit-limit")
            .ToLookup(c => c.BuyerId);
        var items = result.Items.ToDictionary(i => i.BuyerId);
        int held = 0, duplicates = 0, lost = 0;
        var mismatches = new List<string>();
        foreach (var application in applications)
        {
            // Every version the service holds (current and historic) with this application's content, by cover id:
            // a second id is a second application.
            var ids = byBuyer[application.BuyerId]
                .Where(c => c.ApplicationAmount == application.CreditLimitAmount && c.CustomerRefNumber == application.CustomerReference)
                .Select(c => c.CoverId)
                .Distinct()
                .ToList();
            held += ids.Count > 0 ? 1 : 0;
            duplicates += Math.Max(0, ids.Count - 1);
            var item = items[application.BuyerId];
            var what = "buyer " + application.BuyerId.ToString(CultureInfo.InvariantCulture) + ": reported " + Outcome(item) + " cover " + (item.CoverId?.ToString(CultureInfo.InvariantCulture) ?? "-") + ", the service holds [" + string.Join(",", ids) + "]";
            switch (item.Status)
            {
                case CoverBatchItemStatus.Decided or CoverBatchItemStatus.Referred:
                    if (ids.Count == 0)
                    {
                        lost++;
                        mismatches.Add(what);
                    }
                    else if (item.CoverId is not { } id || !ids.Contains(id))
                    {
                        mismatches.Add(what);
                    }

                    break;
                case CoverBatchItemStatus.Failed:
                    if (ids.Count > 0)
                    {
                        mismatches.Add(what);
                    }

                    break;
                default:
                    lost += ids.Count == 0 ? 1 : 0;
                    mismatches.Add(what + " (" + item.Error + ")");
                    break;
            }
        }

        return (held, duplicates, lost, mismatches);
    }

    private sealed class ConsoleProgress : IProgress<CoverBatchProgress>
    {
        private readonly object _gate = new();

        public void Report(CoverBatchProgress value)
        {
            lock (_gate)
            {
                Console.WriteLine("progress " + value.Completed.ToString(CultureInfo.InvariantCulture));
                Console.Out.Flush();
            }
        }
    }
}
