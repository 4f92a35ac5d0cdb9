using System.Diagnostics;
using System.Globalization;
using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Portfolio;
using Atradius.Cover.Sdk.Portfolio.PostgreSql;

// Figures for docs/portfolio.md. Each measurement runs in its own process (peak memory is per process):
//   walk N     reads a generated list of N covers alone (what any sync must pay at least)
//   sync N     first sync of N covers into a new SQLite file: time, bytes written, file size, peak memory
//   second N   first sync, then a second full sync with 100 changed covers: its time and bytes written
//   another N  a first sync of one portfolio (untimed), then the first sync of another into the same file
//   resume N   a first sync whose list is cut off half way (untimed), then the first sync run again: it writes the rest
//   discard N  the first sync with a store that keeps nothing (DiscardingStore): the sync's cost without a database
//   http-walk N   reads GET /covers of the in-process sandbox with N covers over HTTP (walk + snapshot)
//   http-sync N   first sync of that sandbox's N covers over HTTP into a new SQLite file
//   http-discard N   the same sync with a store that keeps nothing (DiscardingStore): the bound no store can beat
//   process-walk N, process-sync N   the same with the sandbox in a process of its own (serve N), as a service is
//   remote-walk N [Mbit/s], remote-sync N [Mbit/s]   the same behind a replay (replay N) that answers the list, read
//                                    once before, from memory: the service's work off the cores, as a service on another
//                                    machine; with a link speed, the replay sends no faster than that
//   http-walk-lists, http-sync-lists, process-…-lists, remote-…-lists   the same over every list a sync reads by default:
//                                    GET /covers, GET /covers/applications and my-buyers
//   pg-sync N     first sync of the generated list into the PostgreSQL database named by ATRADIUS_TEST_POSTGRES
//   history N     after a first sync of N covers: the histories of 100 buyers, then the whole portfolio's history
//   pg-history N  the same in the PostgreSQL database named by ATRADIUS_TEST_POSTGRES
// walk, sync, second and discard generate the list in process (no HTTP), so their figures are the sync's own cost over a
// plain walk; the http- modes compare with what reading the real lists costs. The generated modes and history take the
// order of the list as a third argument (ListOrder): ordered (the default: cover and buyer ids rise together, as in the
// sandbox), buyers (covers in id order, buyer ids in no order, as a real portfolio's are) or shuffled (neither).
//   batch N [seed] [share]       N applications through the faulting sandbox (share of requests faulted, default 0.2)
//                                until complete, checked against the sandbox
//   batch-kill N [seed] [share]  the same, first in a child process killed half way (see BatchVolume)
var mode = args.Length > 0 ? args[0] : "sync";
if (mode == "batch-child")
{
    return await BatchVolume.ChildAsync(args[1], args[2]);
}

if (mode is "serve" or "replay")
{
    return await SandboxProcess.ServeAsync(int.Parse(args[1], CultureInfo.InvariantCulture), replay: mode == "replay", args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : null);
}

var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var folder = Directory.CreateTempSubdirectory("portfolio-bench-").FullName;
try
{
    var source = new GeneratedSource(count, args.Length > 2 && mode is "walk" or "sync" or "second" or "resume" or "another" or "discard" or "history" or "pg-sync" or "pg-history" ? ListOrders.Parse(args[2]) : ListOrder.Ordered);
    var clock = Stopwatch.StartNew();
    var cpuAtStart = CpuTime();
    switch (mode)
    {
        case "batch":
        case "batch-kill":
            return await BatchVolume.RunAsync(mode == "batch-kill", count, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1, args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) / 5 : 0.04, folder);

        case "walk":
            var n = 0;
            await foreach (var cover in source.ListCoversAsync(null, CancellationToken.None))
            {
                n += CoverSnapshot.From(cover).CoverId > 0 ? 1 : 0;
            }

            Report("walk", count, clock.Elapsed, CpuTime() - cpuAtStart, 0, 0);
            break;

        case "http-walk":
        case "http-sync":
        case "http-discard":
        case "process-walk":
        case "process-sync":
        case "remote-walk":
        case "remote-sync":
        case "http-walk-lists":
        case "http-sync-lists":
        case "process-walk-lists":
        case "process-sync-lists":
        case "remote-walk-lists":
        case "remote-sync-lists":
            {
                // http-: the sandbox in this process; process-: in a process of its own; remote-: in a process of its
                // own behind a replay, the list read once before the timed part. -lists: every list a sync reads by
                // default (GET /covers, GET /covers/applications, my-buyers), not GET /covers alone.
                var allLists = mode.EndsWith("-lists", StringComparison.Ordinal);
                var kind = allLists ? mode[..^"-lists".Length] : mode;
                var options = new CoverPortfolioSyncOptions { PortfolioKey = "bench", IncludeApplications = allLists, IncludeBuyerRatings = allLists };
                await using var sandbox = mode.StartsWith("http-", StringComparison.Ordinal)
                    ? (IAsyncDisposable)await Atradius.Cover.Sdk.Sandbox.Hosting.CoverSandbox.StartAsync(new Atradius.Cover.Sdk.Sandbox.Hosting.CoverSandboxOptions { BuyerCount = count, GeneratedCoverCount = count, Irregularities = false })
                    : await SandboxProcess.StartAsync(count, replay: mode.StartsWith("remote-", StringComparison.Ordinal), LinkSpeed(mode, args));
                await using var client = sandbox is SandboxProcess separate ? new CoverClient(separate.ClientOptions) : SandboxClient((Atradius.Cover.Sdk.Sandbox.Hosting.CoverSandbox)sandbox);
                var http = new CoverClientPortfolioSource(client);
                if (mode.StartsWith("remote-", StringComparison.Ordinal))
                {
                    // The same work once untimed: the replay learns the list, and the timed part runs compiled code.
                    if (kind == "remote-sync")
                    {
                        // In a folder of its own, which the database size reported below leaves out.
                        using var warmStore = new SqliteCoverPortfolioStore(Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "warm-up")).FullName, "portfolio.db"));
                        await new CoverPortfolioSync(http, warmStore, options).SyncAsync((_, _) => Task.CompletedTask);
                    }
                    else
                    {
                        await WalkAsync(http, allLists);
                    }
                }

                if (kind.EndsWith("-walk", StringComparison.Ordinal))
                {
                    clock.Restart();
                    cpuAtStart = CpuTime();
                    var read = await WalkAsync(http, allLists);
                    Report(mode + SpeedLabel(mode, args) + "(" + read.ToString(CultureInfo.InvariantCulture) + (allLists ? " covers and buyers)" : " covers)"), count, clock.Elapsed, CpuTime() - cpuAtStart, 0, 0);
                    break;
                }

                var httpPath = Path.Combine(folder, "portfolio.db");
                using var sqliteStore = SqliteUnlessDiscarding(kind, httpPath);
                var httpStore = (ICoverPortfolioStore?)sqliteStore ?? new DiscardingStore();
                await httpStore.InitializeAsync();
                var httpSync = new CoverPortfolioSync(http, httpStore, options);
                var before = WrittenBytes();
                clock.Restart();
                cpuAtStart = CpuTime();
                var synced = await httpSync.SyncAsync((_, _) => Task.CompletedTask);
                Report(mode + SpeedLabel(mode, args) + "(" + synced.CoverVersionsStored.ToString(CultureInfo.InvariantCulture) + " versions" + (allLists ? ", " + synced.BuyersRead.ToString(CultureInfo.InvariantCulture) + " buyers)" : ")"), count, clock.Elapsed, CpuTime() - cpuAtStart, WrittenBytes() - before, DatabaseBytes(folder));
            }

            break;

        case "report":
            // A report with the buyer sections over a sandbox portfolio of N buyers, each with a cover, over HTTP.
            await using (var sandbox = await Atradius.Cover.Sdk.Sandbox.Hosting.CoverSandbox.StartAsync(new Atradius.Cover.Sdk.Sandbox.Hosting.CoverSandboxOptions { BuyerCount = count, GeneratedCoverCount = count, Irregularities = false }))
            {
                await using var cover = SandboxClient(sandbox);
                var before = sandbox.Statistics.Requests;
                clock.Restart();
                cpuAtStart = CpuTime();
                var report = await cover.Reports.CreatePortfolioReportAsync(new CoverReportDefinition { Sections = CoverReportSections.All });
                var requests = sandbox.Statistics.Requests - before;
                Report("report(" + report.CoverCount.ToString(CultureInfo.InvariantCulture) + " covers, " + requests.ToString(CultureInfo.InvariantCulture) + " requests incl. token)", count, clock.Elapsed, CpuTime() - cpuAtStart, 0, 0);
            }

            break;

        case "pg-sync":
            {
                // First sync of the generated list into PostgreSQL (the server in ATRADIUS_TEST_POSTGRES, as the tests
                // use it; .ci/postgres.sh starts one), under a portfolio key of its own. The time is the client's
                // wait; cpu is the client's only, the server's work is in its own processes.
                await using var postgres = new PostgreSqlCoverPortfolioStore(PostgresConnectionString(mode));
                await postgres.InitializeAsync();
                var pgSync = new CoverPortfolioSync(source, postgres, new CoverPortfolioSyncOptions { PortfolioKey = "bench-" + Guid.NewGuid().ToString("N"), IncludeApplications = false, IncludeBuyerRatings = false });
                clock.Restart();
                cpuAtStart = CpuTime();
                var pgResult = await pgSync.SyncAsync((_, _) => Task.CompletedTask);
                Report("pg-sync(" + pgResult.CoverVersionsStored.ToString(CultureInfo.InvariantCulture) + " versions)", count, clock.Elapsed, CpuTime() - cpuAtStart, 0, 0);
            }

            break;

        case "history":
            using (var store = new SqliteCoverPortfolioStore(Path.Combine(folder, "portfolio.db")))
            {
                await HistoryAsync(store, "bench", source, count);
            }

            break;

        case "pg-history":
            {
                await using var postgres = new PostgreSqlCoverPortfolioStore(PostgresConnectionString(mode));
                await HistoryAsync(postgres, "bench-" + Guid.NewGuid().ToString("N"), source, count);
            }

            break;

        case "another":
            using (var store = new SqliteCoverPortfolioStore(Path.Combine(folder, "portfolio.db")))
            {
                // A broker's file: one customer's portfolio synced before (untimed), then another's first sync.
                await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = "customer-1", IncludeApplications = false, IncludeBuyerRatings = false })
                    .SyncAsync((_, _) => Task.CompletedTask);
                var sizeBefore = DatabaseBytes(folder);
                var written = WrittenBytes();
                clock.Restart();
                cpuAtStart = CpuTime();
                var result = await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = "customer-2", IncludeApplications = false, IncludeBuyerRatings = false })
                    .SyncAsync((_, _) => Task.CompletedTask);
                Report("another(" + result.CoverVersionsStored.ToString(CultureInfo.InvariantCulture) + " versions, file grew " + ((DatabaseBytes(folder) - sizeBefore) / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB)", count, clock.Elapsed, CpuTime() - cpuAtStart, WrittenBytes() - written, DatabaseBytes(folder));
            }

            break;

        case "resume":
            using (var store = new SqliteCoverPortfolioStore(Path.Combine(folder, "portfolio.db")))
            {
                var options = new CoverPortfolioSyncOptions { PortfolioKey = "bench", IncludeApplications = false, IncludeBuyerRatings = false };
                source.CutOffAt = count / 2;
                try
                {
                    await new CoverPortfolioSync(source, store, options).SyncAsync((_, _) => Task.CompletedTask);
                    throw new InvalidOperationException("The sync of the cut-off list did not fail.");
                }
                catch (IOException)
                {
                    // The list broke off half way, as a connection does.
                }

                source.CutOffAt = null;
                var written = WrittenBytes();
                clock.Restart();
                cpuAtStart = CpuTime();
                var result = await new CoverPortfolioSync(source, store, options).SyncAsync((_, _) => Task.CompletedTask);
                Report("resume(" + result.CoverVersionsStored.ToString(CultureInfo.InvariantCulture) + " versions)", count, clock.Elapsed, CpuTime() - cpuAtStart, WrittenBytes() - written, DatabaseBytes(folder));
            }

            break;

        case "sync":
        case "second":
        case "discard":
            var path = Path.Combine(folder, "portfolio.db");
            using (var sqliteStore = SqliteUnlessDiscarding(mode, path))
            {
                var store = (ICoverPortfolioStore?)sqliteStore ?? new DiscardingStore();
                await store.InitializeAsync();
                var sync = new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = "bench", IncludeApplications = false, IncludeBuyerRatings = false });
                var written = WrittenBytes();
                clock.Restart();
                cpuAtStart = CpuTime();
                await sync.SyncAsync((_, _) => Task.CompletedTask);
                if (mode is "sync" or "discard")
                {
                    Report(mode, count, clock.Elapsed, CpuTime() - cpuAtStart, WrittenBytes() - written, DatabaseBytes(folder));
                    break;
                }

                source.Changed = 100;
                written = WrittenBytes();
                clock.Restart();
                cpuAtStart = CpuTime();
                var result = await sync.SyncAsync(new AlwaysHandler(), forceFullReconciliation: true, CancellationToken.None);
                Report("second(" + result.CoverVersionsStored.ToString(CultureInfo.InvariantCulture) + " changed)", count, clock.Elapsed, CpuTime() - cpuAtStart, WrittenBytes() - written, DatabaseBytes(folder));
            }

            break;
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

return 0;

// After a first sync of the generated covers (untimed): the histories of 100 buyers, then the whole portfolio's.
static async Task HistoryAsync(ICoverPortfolioStore store, string portfolioKey, GeneratedSource source, int count)
{
    await store.InitializeAsync();
    await new CoverPortfolioSync(source, store, new CoverPortfolioSyncOptions { PortfolioKey = portfolioKey, IncludeApplications = false, IncludeBuyerRatings = false })
        .SyncAsync((_, _) => Task.CompletedTask);
    var history = new CoverHistory(store, portfolioKey, source: null);
    var clock = Stopwatch.StartNew();
    var cpuAtStart = CpuTime();
    var entries = 0;
    for (var i = 0; i < 100; i++)
    {
        entries += (await history.GetBuyerHistoryAsync(10_000_000 + (i * (count / 100)))).Count;
    }

    Report("history(100 buyers, " + entries.ToString(CultureInfo.InvariantCulture) + " entries)", count, clock.Elapsed, CpuTime() - cpuAtStart, 0, 0);
    clock.Restart();
    cpuAtStart = CpuTime();
    entries = 0;
    await foreach (var entry in history.ReadPortfolioHistoryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1)))
    {
        entries++;
    }

    Report("history(portfolio, " + entries.ToString(CultureInfo.InvariantCulture) + " entries)", count, clock.Elapsed, CpuTime() - cpuAtStart, 0, 0);
}

// Reads GET /covers, and with allLists GET /covers/applications and my-buyers as well, snapshotting each cover: what
// any sync of those lists must pay at least. Returns how many entries it read.
static async Task<int> WalkAsync(CoverClientPortfolioSource source, bool allLists)
{
    var read = 0;
    await foreach (var cover in source.ListCoversAsync(null, CancellationToken.None))
    {
        read += CoverSnapshot.From(cover).CoverId > 0 ? 1 : 0;
    }

    if (allLists)
    {
        await foreach (var cover in source.ListApplicationsAsync(null, CancellationToken.None))
        {
            read += CoverSnapshot.From(cover).CoverId > 0 ? 1 : 0;
        }

        await foreach (var buyer in source.ListMyBuyersAsync(CancellationToken.None))
        {
            read += buyer.BuyerId > 0 ? 1 : 0;
        }
    }

    return read;
}

// The remote- modes take a link speed in Mbit/s as a third argument; without one the replay sends as fast as loopback.
static double? LinkSpeed(string mode, string[] args) =>
    mode.StartsWith("remote-", StringComparison.Ordinal) && args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : null;

static string SpeedLabel(string mode, string[] args) =>
    LinkSpeed(mode, args) is { } speed ? string.Create(CultureInfo.InvariantCulture, $"@{speed}Mbit/s") : string.Empty;

// The pg- modes use the server the tests use (.ci/postgres.sh starts one and names it in ATRADIUS_TEST_POSTGRES).
static string PostgresConnectionString(string mode) =>
    Environment.GetEnvironmentVariable("ATRADIUS_TEST_POSTGRES")
        ?? throw new InvalidOperationException(mode + " needs ATRADIUS_TEST_POSTGRES, a connection string to a PostgreSQL database.");

// The -discard modes sync into a store that keeps nothing, and create no file.
static SqliteCoverPortfolioStore? SqliteUnlessDiscarding(string mode, string path) =>
    mode.EndsWith("discard", StringComparison.Ordinal) ? null : new SqliteCoverPortfolioStore(path);

static CoverClient SandboxClient(Atradius.Cover.Sdk.Sandbox.Hosting.CoverSandbox sandbox) => new(new CoverClientOptions
{
    BaseAddress = sandbox.BaseAddress,
    TokenEndpoint = sandbox.AtradiusTokenEndpoint,
    ClientId = sandbox.ReadWriteClient.ClientId,
    ClientSecret = sandbox.ReadWriteClient.ClientSecret,
    AppKey = sandbox.ReadWriteClient.AppKey,
    CustomerId = sandbox.ReadWriteClient.CustomerId,
    PolicyId = sandbox.ReadWriteClient.PolicyId,
});

// cpu: the CPU time of the whole process over the timed part, sandbox included (how much of the cores a mode leaves
// free); allocated, gc (collections of generation 0/1/2) and paused (time the collections stopped the process):
// the whole process, setup included.
static void Report(string what, int count, TimeSpan elapsed, TimeSpan cpu, long written, long size)
{
    using var process = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}\t{count}\t{elapsed.TotalSeconds:0.000}s\tcpu {cpu.TotalSeconds:0.00}s\twritten {written / 1e6:0.0} MB\tdb {size / 1e6:0.0} MB\tpeak {process.PeakWorkingSet64 / 1e6:0} MB\tallocated {GC.GetTotalAllocatedBytes() / 1e6:0} MB\tgc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:0.00}s"));
}

static TimeSpan CpuTime()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime;
}

// Bytes this process caused to be written to storage (Linux /proc/self/io), WAL and checkpoints included.
static long WrittenBytes()
{
    foreach (var line in File.ReadLines("/proc/self/io"))
    {
        if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
        {
            return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), CultureInfo.InvariantCulture);
        }
    }

    return 0;
}

static long DatabaseBytes(string folder) => Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);

internal sealed class AlwaysHandler : ICoverChangeHandler
{
    public Task HandleAsync(CoverPortfolioChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A portfolio of N covers generated on the fly, as a streamed list; <see cref="Changed"/> covers get a new amount.</summary>
internal sealed class GeneratedSource(int count, ListOrder order) : ICoverPortfolioSource
{
    public int Changed { get; set; }

    /// <summary>When set, the list breaks off with an <see cref="IOException"/> before the cover at this position.</summary>
    public int? CutOffAt { get; set; }

    public async IAsyncEnumerable<CoverDecision> ListCoversAsync(CoverQuery? query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            if (i == CutOffAt)
            {
                throw new IOException("The list was cut off.");
            }

            if (i % 1000 == 0)
            {
                await Task.Yield();
            }

            var amount = 10_000m + (i % 50) * 1000m + (i < Changed ? 500m : 0m);
            yield return CoverModelFactory.CoverDecision(
                coverId: 70_000_000 + (order == ListOrder.Shuffled ? Spread(i, 104_729) : i),
                customerId: 200417,
                policyId: "5012345",
                buyerId: 10_000_000 + (order == ListOrder.Ordered ? i : Spread(i, 7_919)),
                code: new DecisionCode("DC01"),
                applicationAmount: new Money(amount, "EUR"),
                totalDecision: CoverModelFactory.DecisionAmount(new Money(amount, "EUR"), conditions: [CoverModelFactory.DecisionCondition("C" + (i % 7).ToString(CultureInfo.InvariantCulture), description: "Payment terms up to 60 days")]),
                applicationDate: new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
                decisionDate: new DateTimeOffset(2026, 1, 5, 9, 5, 0, TimeSpan.Zero),
                effectFromDate: new CoverDate(2026, 1, 5),
                customerReference: "ERP-" + i.ToString(CultureInfo.InvariantCulture),
                buyerName: "Buyer " + i.ToString(CultureInfo.InvariantCulture) + " B.V.");
        }
    }

    public IAsyncEnumerable<CoverDecision> ListApplicationsAsync(CoverQuery? query, CancellationToken cancellationToken) => AsyncEnumerable.Empty<CoverDecision>();

    public IAsyncEnumerable<CoverDecision> ListHistoricAsync(CoverQuery? query, CancellationToken cancellationToken) => AsyncEnumerable.Empty<CoverDecision>();

    public IAsyncEnumerable<Buyer> ListMyBuyersAsync(CancellationToken cancellationToken) => AsyncEnumerable.Empty<Buyer>();

    // The i-th of 0..count-1 in another order: a step prime to count (neither 2 nor 5 divides it) visits every one once.
    private long Spread(int i, long step) => i * step % count;
}
