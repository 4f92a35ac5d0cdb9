using Atradius.Cover.Sdk;
using Atradius.Cover.Sdk.Portfolio;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Samples.WorkerMonitor;

/// <summary>
/// A worker that keeps an eye on the portfolio and reports every classified change. The portfolio is kept in a
/// SQLite file (Monitor:Database, default worker-monitor.db beside the program; a new one per run against the sandbox,
/// which is new at every start), so a restart reports only what changed meanwhile. With
/// nothing configured it watches a sandbox started in this process, where a simulated insurer reduces a cover; with
/// Atradius:Cover:* set (appsettings.json, ATRADIUS__COVER__BASEADDRESS, ...) it watches your portfolio. It stops
/// after a short demo (Demo:Seconds, default 12) unless started with --forever.
/// </summary>
public static class WorkerMonitorProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var forever = args.Contains("--forever");
        // Settings are read from beside the program, where the build copies appsettings.json, not from the directory
        // it was started in (`dotnet run --project` keeps the caller's).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args.Where(a => a != "--forever").ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });

        CoverSandbox? sandbox = null;
        if (builder.Configuration["Atradius:Cover:BaseAddress"] is not { Length: > 0 })
        {
            sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { TokenLifetime = TimeSpan.FromDays(400) }, cancellationToken);
            builder.Services.AddSingleton(sandbox);
            builder.Services.AddHostedService<SandboxInsurer>();

            // The sandbox's address and credentials go where a real environment's would, so the client is
            // registered one way for both.
            builder.Configuration.AddInMemoryCollection(sandbox.ClientSettings());
        }

        builder.Services.AddAtradiusCover(builder.Configuration.GetSection("Atradius:Cover"));

        // Beside the program, as the settings: started from another folder, or as a service, the worker keeps its record
        // and reports only what changed meanwhile. A sandbox is new at every start, so its portfolio gets a new record.
        var runFolder = sandbox is null || builder.Configuration["Monitor:Database"] is not null ? null : Directory.CreateTempSubdirectory("worker-monitor-").FullName;
        var database = builder.Configuration["Monitor:Database"]
            ?? Path.Combine(runFolder ?? builder.Environment.ContentRootPath, "worker-monitor.db");
        builder.Services.AddSingleton(new ChangeWriter(output));
        builder.Services.AddAtradiusCoverMonitor(monitor =>
            {
                // Every second for the demo; every five minutes (the default) is plenty for a real portfolio.
                monitor.Interval = sandbox is null ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(1);
                monitor.SqlitePath = database;
            })
            .AddHandler<ConsoleChangeHandler>();
        if (!forever)
        {
            var seconds = int.TryParse(builder.Configuration["Demo:Seconds"], out var s) ? s : 12;
            builder.Services.AddHostedService(sp => new DemoStopper(sp.GetRequiredService<IHostApplicationLifetime>(), TimeSpan.FromSeconds(seconds)));
        }

        try
        {
            using var host = builder.Build();
            var monitor = host.Services.GetRequiredService<CoverMonitorService>();
            await host.RunAsync(cancellationToken);

            // A worker that never synced (a wrong secret, a service it cannot reach) has logged why each time; it did
            // not do its job, and says so in its exit code.
            var status = monitor.Status;
            if (status.CompletedSyncs == 0)
            {
                output.WriteLine("The monitor completed no sync: " + (status.LastError?.Message ?? "it was stopped before the first one ended."));
                return 1;
            }

            return 0;
        }
        catch (OptionsValidationException invalid)
        {
            output.WriteLine("The settings are incomplete or wrong:");
            foreach (var failure in invalid.Failures)
            {
                output.WriteLine("  " + failure);
            }

            return 2;
        }
        // The configuration binder wraps a value it cannot convert (a customer id that is not a number, say).
        catch (InvalidOperationException invalid) when (invalid.InnerException is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            output.WriteLine("A setting could not be read: " + invalid.Message);
            return 2;
        }
        finally
        {
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }

            if (runFolder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(runFolder, recursive: true);
                }
                catch (IOException)
                {
                    // A file still open elsewhere; the folder is in the temporary folder, which the system empties.
                }
            }
        }
    }
}
