namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Waits for a background service to reach a state (bounded, so a broken service fails the test instead of hanging it).</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what + ".");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
