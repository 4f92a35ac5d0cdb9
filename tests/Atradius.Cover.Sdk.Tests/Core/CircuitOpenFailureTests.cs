using Polly.CircuitBreaker;

namespace Atradius.Cover.Sdk.Tests.Core;

public sealed class CircuitOpenFailureTests
{
    [Fact]
    public void A_read_refused_by_an_open_circuit_says_so_and_that_it_was_not_sent()
    {
        var error = Assert.IsType<CoverTransportException>(CoverFailures.Translate(new BrokenCircuitException(), idempotencyKey: null));

        Assert.StartsWith("Calls to the Cover API are refused because its circuit breaker is open after repeated failures, so this request was not sent.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did not answer", error.Message, StringComparison.Ordinal);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.IsType<BrokenCircuitException>(error.InnerException);
    }

    [Fact]
    public void A_change_refused_before_any_attempt_was_sent_was_not_made()
    {
        using var attempts = CoverAttempts.Start();
        var error = Assert.IsType<CoverTransportException>(CoverFailures.Translate(new BrokenCircuitException(), "key-1"));

        Assert.Contains("was not sent and not made", error.Message, StringComparison.Ordinal);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Equal("key-1", error.IdempotencyKey);
    }

    [Fact]
    public void A_change_refused_after_an_unanswered_attempt_may_have_been_made()
    {
        using var attempts = CoverAttempts.Start();
        attempts.Counter.MarkUnanswered();
        var error = Assert.IsType<CoverTransportException>(CoverFailures.Translate(new IsolatedCircuitException(), "key-2"));

        Assert.Contains("may or may not have been made", error.Message, StringComparison.Ordinal);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal("key-2", error.IdempotencyKey);
    }
}
