using System.Diagnostics;
using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Sandbox.World;
using Atradius.Cover.Sdk.Sandbox.Hosting;

namespace Atradius.Cover.Sdk.Benchmarks;

/// <summary>
/// <c>batch</c> mode: 1,000 applications through <c>Applications.SubmitBatchAsync</c> at concurrency 16
/// against the sandbox over loopback, every request delayed 50 ms by the sandbox. The ideal is
/// 1,000 / 16 × 50 ms ≈ 3.1 s; the target is at least 90% of that throughput. The baseline, 16 hand-written
/// workers posting the same applications, shows what the machine and the sandbox allow. Three runs of each, in
/// turns, a fresh sandbox each time (an application per buyer may exist only once).
/// </summary>
public static class BatchThroughput
{
    private const int Applications = 1000;
    private const int Concurrency = 16;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    public static async Task<int> RunAsync()
    {
        var ideal = TimeSpan.FromTicks(Latency.Ticks * Applications / Concurrency);
        Console.WriteLine($"Batch of {Applications:N0} applications, concurrency {Concurrency}, {Latency.TotalMilliseconds:0} ms added per request; ideal {ideal.TotalSeconds:0.00} s");
        Console.WriteLine("| Client | Run | Elapsed (s) | Applications/s | Share of ideal throughput | Decided | Referred | Rejected | Failed |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var run = 1; run <= 6; run++)
        {
            var ours = run % 2 == 1;
            await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { BuyerCount = Applications + 100, GeneratedCoverCount = 0 }).ConfigureAwait(false);
            var client = sandbox.ReadWriteClient;
            var endpoint = new CoverEndpoint(sandbox.BaseAddress, sandbox.OAuth2TokenEndpoint, client.ClientId, client.ClientSecret, client.AppKey, client.Scope);
            using var cover = Ours.Create(endpoint, new SocketsHttpHandler());

            // A warm token and connection, as a long-running host has; the batch is what is measured.
            await cover.Decisions.GetAsync(SandboxFixtures.ExistingCreditLimitCoverId).ConfigureAwait(false);
            sandbox.Faults.SetLatency(Latency);

            var applications = sandbox.World.Buyers
                .Where(b => b.BuyerId >= 10060001)
                .Take(Applications)
                .Select((b, i) => new CoverApplication
                {
                    CustomerId = SandboxFixtures.EuroCustomerId,
                    PolicyId = SandboxFixtures.EuroPolicyId,
                    BuyerId = b.BuyerId,
                    CoverType = CoverType.CreditLimit,
                    CreditLimitAmount = 10000m + (1000m * (i % 20)),
                    CurrencyCode = "EUR",
                    CustomerReference = "BENCH-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                })
                .ToList();
            if (applications.Count != Applications)
            {
                throw new InvalidOperationException($"The sandbox world has only {applications.Count} generated buyers.");
            }

            if (ours)
            {
                var clock = Stopwatch.StartNew();
                var result = await cover.Applications.SubmitBatchAsync(applications, new CoverBatchOptions { MaxConcurrency = Concurrency }).ConfigureAwait(false);
                clock.Stop();
                Report("Ours (SubmitBatchAsync)", (run + 1) / 2, clock.Elapsed, ideal, $"{result.Decided} | {result.Referred} | {result.Rejected} | {result.Failed}");
            }
            else
            {
                using var set = await ContenderSet.CreateAsync(endpoint, static () => new SocketsHttpHandler(), disposeHandlers: true).ConfigureAwait(false);
                await set.Baseline.GetCoverAsync(SandboxFixtures.ExistingCreditLimitCoverId).ConfigureAwait(false);
                var next = -1;
                var accepted = 0;
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < applications.Count)
                    {
                        var a = applications[i];
                        await set.Baseline.SubmitAsync(new CoverApplicationDto
                        {
                            CustomerId = a.CustomerId,
                            PolicyId = a.PolicyId!,
                            BuyerId = a.BuyerId,
                            CoverType = "credit-limit",
                            CreditLimitAmount = a.CreditLimitAmount,
                            CurrencyCode = a.CurrencyCode!,
                            CustomerRefNumber = a.CustomerReference,
                        }).ConfigureAwait(false);
                        Interlocked.Increment(ref accepted);
                    }
                }))).ConfigureAwait(false);
                clock.Stop();
                Report("Baseline (16 hand-written workers)", run / 2, clock.Elapsed, ideal, $"{accepted} accepted | | | ");
            }
        }

        return 0;
    }

    private static void Report(string client, int run, TimeSpan elapsed, TimeSpan ideal, string outcomes) =>
        Console.WriteLine($"| {client} | {run} | {elapsed.TotalSeconds:0.00} | {Applications / elapsed.TotalSeconds:0} | {ideal.TotalSeconds / elapsed.TotalSeconds:P0} | {outcomes} |");
}
