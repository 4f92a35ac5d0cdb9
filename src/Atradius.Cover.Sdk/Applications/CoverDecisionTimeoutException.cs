namespace Atradius.Cover.Sdk;

/// <summary>
/// A referred application was still waiting for an underwriter when the wait timed out. The application is not
/// affected: wait again later with the same <see cref="CoverId"/>, or list new decisions.
/// </summary>
public class CoverDecisionTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public CoverDecisionTimeoutException()
        : this("The decision on the application did not arrive in time.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public CoverDecisionTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CoverDecisionTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a cover and a timeout.</summary>
    /// <param name="coverId">The referred cover.</param>
    /// <param name="timeout">How long was waited.</param>
    public CoverDecisionTimeoutException(long coverId, TimeSpan timeout)
        : base(string.Format(System.Globalization.CultureInfo.InvariantCulture, "Cover {0} was still referred to an underwriter after waiting {1}; wait again later with the same cover id.", coverId, timeout))
    {
        CoverId = coverId;
        Timeout = timeout;
    }

    /// <summary>The cover (application) still waiting for a decision.</summary>
    public long CoverId { get; }

    /// <summary>How long was waited.</summary>
    public TimeSpan Timeout { get; }
}
