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
            var answer = generated.StatusCode >= 400
                ? CoverApiExceptionFactory.Create(generated.StatusCode, generated.Headers, generated.Response, generated)
                : UnreadableBody(generated.StatusCode, generated.Headers, generated.InnerException ?? generated);
            return AfterUnansweredAttempt(answer, idempotencyKey);
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

    /// <summary>
    /// A 408, 429 or 5xx says the service did not act on <em>that</em> attempt; when an earlier attempt of the same
    /// change went unanswered (its response dropped, or cut by the attempt timeout), that one may have been acted on.
    /// Reporting the last answer alone would tell the caller nothing was done, so the answer is wrapped in a
    /// <see cref="CoverTransportException"/> saying the change may have been made, with the key to resolve it.
    /// </summary>
    public static CoverApiException AfterUnansweredAttempt(CoverApiException answer, string? idempotencyKey)
    {
        if (!EarlierAttemptMayHaveActed(answer, idempotencyKey))
        {
            return answer;
        }

        var message = string.Format(
            CultureInfo.InvariantCulture,
            "The Cover API answered {0} after an earlier attempt of this change went unanswered, so the change may or may not have been made. Retry with the same idempotency key '{1}' to make it at most once.",
            answer.Status,
            idempotencyKey);
        return new CoverTransportException(message, idempotencyKey, requestMayHaveBeenProcessed: true, answer);
    }

    /// <summary>Whether <see cref="AfterUnansweredAttempt"/> would wrap <paramref name="answer"/>.</summary>
    public static bool EarlierAttemptMayHaveActed(CoverApiException answer, string? idempotencyKey) =>
        idempotencyKey is not null
        && answer is not CoverTransportException
        && answer.Status is 408 or 429 or >= 500
        && CoverAttempts.Current is { AnyUnanswered: true };

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
