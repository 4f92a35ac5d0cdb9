using Atradius.Cover.Samples.WorkerMonitor;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A worker that keeps an eye on the portfolio and logs every change. With nothing configured it watches a
// sandbox started in this process, where a simulated insurer reduces a cover; with Atradius:Cover:* set
// (appsettings.json, ATRADIUS__COVER__BASEADDRESS, ...) it watches your portfolio. It stops after a short demo
// unless started with --forever.
var forever = args.Contains("--forever");
var builder = Host.CreateApplicationBuilder(args.Where(a => a != "--forever").ToArray());

CoverSandbox? sandbox = null;
if (builder.Configuration["Atradius:Cover:BaseAddress"] is { Length: > 0 })
{
    builder.Services.AddAtradiusCover(builder.Configuration.GetSection("Atradius:Cover"));
}
else
{
    sandbox = await CoverSandbox.StartAsync();
    builder.Services.AddSingleton(sandbox);
    builder.Services.AddHostedService<SandboxInsurer>();
    builder.Services.AddAtradiusCover(options =>
    {
        options.BaseAddress = sandbox.BaseAddress;
        options.TokenEndpoint = sandbox.OAuth2TokenEndpoint;
        options.ClientId = sandbox.ReadWriteClient.ClientId;
        options.ClientSecret = sandbox.ReadWriteClient.ClientSecret;
        options.AppKey = sandbox.ReadWriteClient.AppKey;
    });
}

builder.Services.AddAtradiusCoverMonitor(monitor =>
{
    // Every few seconds for the demo; every 15 minutes (the default) is plenty for a real portfolio.
    monitor.Interval = sandbox is null ? TimeSpan.FromMinutes(15) : TimeSpan.FromSeconds(2);
    monitor.CheckpointFolder = builder.Configuration["Monitor:CheckpointFolder"];
});
builder.Services.AddCoverChangeHandler<LoggingChangeHandler>();
if (!forever)
{
    builder.Services.AddHostedService<DemoStopper>();
}

try
{
    using var host = builder.Build();
    await host.RunAsync();
}
finally
{
    if (sandbox is not null)
    {
        await sandbox.DisposeAsync();
    }
}
