using Atradius.Cover.Samples.QuickStart;

// With no Atradius:Cover:BaseAddress the journey runs against a sandbox started in this process. To run it against
// a real environment (for example UAT), set section Atradius:Cover (BaseAddress, ClientId, ClientSecret, AppKey,
// CustomerId, optionally PolicyId and TokenEndpoint) and section QuickStart (the buyers and amounts) in
// appsettings.json, as environment variables (Atradius__Cover__BaseAddress, QuickStart__SmallAmount, ...) or as
// arguments (--Atradius:Cover:BaseAddress=https://api-uat.atradius.com). See appsettings.example.json.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await QuickStartProgram.RunAsync(QuickStartProgram.LoadConfiguration(args), Console.Out, Console.Error, stop.Token);
