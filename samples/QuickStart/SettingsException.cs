namespace Atradius.Cover.Samples.QuickStart;

/// <summary>The journey's inputs under section <c>QuickStart</c> are incomplete or wrong; each problem is one line.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException()
        : this([])
    {
    }

    public SettingsException(string message)
        : this([message])
    {
    }

    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public SettingsException(IReadOnlyList<string> problems)
        : base("The journey's inputs are incomplete or wrong: " + string.Join(" ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
