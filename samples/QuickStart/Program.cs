using Atradius.Cover.Samples.QuickStart;

// With no settings the journey runs against a sandbox started in this process. To use a real endpoint, set
// Atradius:Cover:* (BaseAddress, TokenEndpoint, ClientId, ClientSecret, AppKey) in appsettings.json, as
// environment variables (ATRADIUS__COVER__BASEADDRESS, ...) or as --Atradius:Cover:BaseAddress=... arguments,
// and your own customer, policy and buyers under Atradius:QuickStart:* (see appsettings.example.json).
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await QuickStartProgram.RunAsync(QuickStartProgram.LoadConfiguration(args), Console.Out, Console.Error, stop.Token);
