namespace Atradius.Cover.Samples.QuickStart;

/// <summary>A step of the journey did not work; the message says which one and why.</summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
