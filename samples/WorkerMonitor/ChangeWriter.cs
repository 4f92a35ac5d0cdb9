namespace Atradius.Cover.Samples.WorkerMonitor;

/// <summary>Where the sample writes the changes it reports (the console, or a test's writer).</summary>
public sealed class ChangeWriter(TextWriter writer)
{
    private readonly object gate = new();

    public void WriteLine(string line)
    {
        lock (gate)
        {
            writer.WriteLine(line);
        }
    }
}
