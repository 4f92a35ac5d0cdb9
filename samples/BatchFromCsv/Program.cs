using Atradius.Cover.Samples.BatchFromCsv;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await BatchFromCsvProgram.RunAsync(args, Console.Out, stop.Token);
