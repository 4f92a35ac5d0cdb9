using Microsoft.Extensions.Options;

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

    /// <summary>The journey's problems together with those of the client settings, so that one run lists them all.</summary>
    public SettingsException(IReadOnlyList<string> problems, OptionsValidationException? clientSettings)
        : this(problems)
    {
        ClientSettings = clientSettings?.Failures.ToList() ?? [];
    }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>What is wrong under <c>Atradius:Cover</c> as well, if anything.</summary>
    public IReadOnlyList<string> ClientSettings { get; } = [];
}
