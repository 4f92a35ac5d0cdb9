using System.Globalization;
using Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk;

/// <summary>Turns whatever a call to the service threw into the SDK's exceptions.</summary>
internal static class CoverFailures
{
    /// <summary>Whether the exception must be translated; caller cancellation and SDK exceptions pass through.</summary>
    public static bool ShouldTranslate(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            CoverApiException => false,
            OperationCanceledException when cancellationToken.IsCancellationRequested => false,
            CoverGeneratedApiException => true,
            HttpRequestException or IOException or OperationCanceledException or Polly.ExecutionRejectedException => true,
            System.Text.Json.JsonException or FormatException => true,
            _ => false,
        };

    /// <summary>Translates an exception for which <see cref="ShouldTranslate"/> is true.</summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="idempotencyKey">The idempotency key of a call that changes cover; null for a read.</param>
    public static CoverApiException Translate(Exception exception, string? idempotencyKey)
    {
        if (exception is CoverGeneratedApiException generated)
        {
            return generated.StatusCode >= 400
                ? CoverApiExceptionFactory.Create(generated.StatusCode, generated.Headers, generated.Response, generated)
                : UnreadableBody(generated.StatusCode, generated.Headers, generated.InnerException ?? generated);
        }

        if (exception is System.Text.Json.JsonException or FormatException)
        {
            return UnreadableBody(0, null, exception);
        }

        var change = idempotencyKey is not null;
        var message = change
            ? "The Cover API did not answer (" + exception.Message + "), so the change may or may not have been made. Retry with the same idempotency key '" + idempotencyKey + "' to make it at most once."
            : "The Cover API did not answer (" + exception.Message + ").";
        return new CoverTransportException(message, idempotencyKey, requestMayHaveBeenProcessed: change, exception);
    }

    public static CoverApiException UnreadableBody(int status, IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException, string? problem = null)
    {
        var correlationId = CoverHeaders.First(headers, CoverHeaders.CorrelationId);
        var message = string.Format(
            CultureInfo.InvariantCulture,
            "The Cover API answered {0} with a body the SDK could not read{1}.{2}",
            status,
            problem is null ? (innerException is null ? string.Empty : ": " + innerException.Message) : ": " + problem,
            correlationId is null ? string.Empty : " Correlation id: " + correlationId + ".");
        return new CoverApiException(message, status, "INVALID_RESPONSE", correlationId: correlationId, innerException: innerException);
    }
}
