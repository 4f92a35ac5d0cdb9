namespace Atradius.Cover.Sdk;

/// <summary>
/// Thrown by <see cref="CoverEnvelopeReader"/> when a successful answer's envelope carries business errors or a
/// gateway fault; the transport turns it into the <see cref="CoverApiException"/> those errors call for.
/// </summary>
internal sealed class CoverAnswerErrorsException(string errors) : Exception("The answer carries errors: " + errors)
{
    /// <summary>The errors or fault as a body of their own, in the shape <see cref="CoverApiExceptionFactory"/> reads.</summary>
    public string Errors { get; } = errors;
}
