using Npgsql;

namespace Atradius.Cover.Sdk.Portfolio.PostgreSql;

/// <summary>
/// How long a statement may wait for a lock another instance holds: until the server has ended that instance's
/// transaction should it have frozen or died half way (idle_in_transaction_session_timeout, one minute), and a little
/// more. Npgsql's default command timeout of 30 seconds would end the wait first, and a take-over of the lease, a start
/// beside a frozen migration or a commit behind a frozen one would fail with a timeout instead of going on once the
/// server lets it.
/// </summary>
internal static class LockWait
{
    // The frozen transaction's last statement may have run a little before this one began to wait; the server's end of
    // it and the release of its locks take a moment too.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    /// <summary>Lets <paramref name="command"/> wait that long, unless its own timeout is longer or none (0).</summary>
    /// <param name="command">A statement that may wait for another instance's lock.</param>
    /// <param name="idleInTransactionTimeout">How long the server lets a transaction wait for its next statement.</param>
    public static void Allow(NpgsqlCommand command, TimeSpan idleInTransactionTimeout)
    {
        var needed = (int)Math.Ceiling((idleInTransactionTimeout + Margin).TotalSeconds);
        if (command.CommandTimeout != 0 && command.CommandTimeout < needed)
        {
            command.CommandTimeout = needed;
        }
    }
}
