namespace Atradius.Cover.Sdk;

/// <summary>
/// A referred application (or change) was not finally decided within <see cref="CoverClientOptions.WaitTimeout"/>.
/// Nothing failed: it still waits for an underwriter (with a preliminary decision, perhaps: see
/// <see cref="CoverApplicationOperation.Latest"/>), and <see cref="Operation"/> follows it further, now or after a restart
/// (store its <see cref="CoverApplicationOperation.Id"/>, <see cref="CoverApplicationOperation.BuyerId"/> and, for a
/// change, <see cref="CoverApplicationOperation.ChangedNoEarlierThan"/>). A <see cref="TimeoutException"/>, so code
/// that catches one still does.
/// </summary>
public class CoverOperationTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CoverOperationTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public CoverOperationTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public CoverOperationTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an operation that was not decided in time.</summary>
    /// <param name="message">What happened, and how to follow the application later.</param>
    /// <param name="operation">The operation that waited.</param>
    public CoverOperationTimeoutException(string message, CoverApplicationOperation operation)
        : base(message)
    {
        Operation = operation;
    }

    /// <summary>Gets the operation that waited: call its <see cref="CoverApplicationOperation.WaitForCompletionAsync(CancellationToken)"/> to go on waiting. Null only when the exception was made without one.</summary>
    public CoverApplicationOperation? Operation { get; }
}
