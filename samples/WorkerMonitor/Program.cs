using Atradius.Cover.Samples.WorkerMonitor;

return await WorkerMonitorProgram.RunAsync(args, Console.Out, CancellationToken.None);
