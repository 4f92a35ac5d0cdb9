namespace Atradius.Cover.Samples.QuickStart;

/// <summary>The journey cannot go on for a reason that is not an API error, e.g. the configured buyer does not exist.</summary>
public sealed class JourneyException : Exception
{
    public JourneyException()
    {
    }

    public JourneyException(string message)
        : base(message)
    {
    }

    public JourneyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
