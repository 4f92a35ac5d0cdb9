namespace Atradius.Cover.Sdk;

/// <summary>What became of one application of a batch.</summary>
public sealed class CoverBatchItemResult
{
    internal CoverBatchItemResult(CoverBatchSlot<CoverApplication, CoverBatchAnswer> slot)
    {
        Index = slot.Index;
        Application = slot.Item;
        IdempotencyKey = slot.IdempotencyKey;
        Outcome = slot.Outcome;
        Result = slot.Result?.Submitted;
        Cover = slot.Result?.Current;
        Exception = slot.Exception;
        WaitException = slot.WaitException;
        MayHaveBeenCreated = slot.MayHaveBeenCreated;
        ValidationErrors = slot.ValidationErrors;
        if (slot.Exception is CoverApiException api)
        {
            var first = api.Errors.Count > 0 ? api.Errors[0] : null;
            Status = api.Status;
            ErrorCode = api.ErrorCode ?? first?.Code;
            ErrorDetail = first?.Detail ?? api.Message;
            ErrorParameter = api.Parameter ?? first?.Parameter ?? first?.Pointer;
        }
    }

    /// <summary>Position of the application in the input, from 0.</summary>
    public int Index { get; }

    /// <summary>The application as given.</summary>
    public CoverApplication Application { get; }

    /// <summary>The idempotency key it was (or would have been) sent with; null only when it was invalid.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>What became of it.</summary>
    public CoverBatchOutcome Outcome { get; }

    /// <summary>The service's answer to the submission, when there was one.</summary>
    public ApplicationResult? Result { get; }

    /// <summary>The cover as last known: the decision, or the referred application (after waiting, if asked).</summary>
    public CoverDecision? Cover { get; }

    /// <summary>HTTP status of a refusal or failure reported by the service.</summary>
    public int? Status { get; }

    /// <summary>The service's error code of a refusal (for example <c>COVER_EXISTS</c>, <c>INVALID_AMOUNT</c>).</summary>
    public string? ErrorCode { get; }

    /// <summary>What the service said is wrong.</summary>
    public string? ErrorDetail { get; }

    /// <summary>The offending parameter or field of a refusal, when the service named it.</summary>
    public string? ErrorParameter { get; }

    /// <summary>Why the application is invalid (client-side checks; it was not sent).</summary>
    public IReadOnlyList<string> ValidationErrors { get; }

    /// <summary>The error behind a <see cref="CoverBatchOutcome.Rejected"/> or <see cref="CoverBatchOutcome.Failed"/> outcome.</summary>
    public Exception? Exception { get; }

    /// <summary>Why waiting for a referred decision ended without one (timeout, cancellation); the application stands.</summary>
    public Exception? WaitException { get; }

    /// <summary>
    /// For a <see cref="CoverBatchOutcome.Failed"/> item: whether the service may have created the cover before the
    /// failure. Submitting it again with the same <see cref="IdempotencyKey"/> (running the batch again) is safe either way.
    /// </summary>
    public bool MayHaveBeenCreated { get; }

    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Outcome} {IdempotencyKey}";
}
