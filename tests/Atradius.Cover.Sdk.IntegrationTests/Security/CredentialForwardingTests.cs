using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Atradius.Cover.Sdk.IntegrationTests.Support;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk.IntegrationTests.Security;

/// <summary>The bearer token and the app key go to the configured API origin only, and never over plain HTTP except loopback.</summary>
public sealed class CredentialForwardingTests
{
    [Theory]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.PermanentRedirect)]
    public async Task A_redirect_to_another_host_never_receives_the_token_or_the_app_key(HttpStatusCode redirect)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: ct);
        using var otherHost = new RecordingListener(_ => (HttpStatusCode.OK, "{}"));
        using var api = new RecordingListener(context => (redirect, otherHost.Prefix + "stolen" + context.Request.Url!.PathAndQuery));
        var options = SandboxClients.Options(sandbox);
        options.BaseAddress = new Uri(api.Prefix);
        options.Resilience.MaxRetryAttempts = 0;
        await using var cover = new CoverClient(options);

        // Before the fix the socket handler followed the redirect and the other host received the app key.
        var refused = await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Decisions.GetAsync(70001234, ct));
        Assert.Equal((int)redirect, refused.Status);
        await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Decisions.ListAsync(cancellationToken: ct).ToListAsync(ct).AsTask());
        await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Applications.SubmitAsync(
            new CoverApplication { CustomerId = 200417, PolicyId = "5012345", BuyerId = 10042317, CreditLimitAmount = 10_000m, CurrencyCode = "EUR" }, ct));

        Assert.NotEmpty(api.Requests);
        Assert.All(api.Requests, r => Assert.StartsWith("Bearer ", r.Authorization, StringComparison.Ordinal));
        Assert.Empty(otherHost.Requests);
        Figures.Write("Redirect " + (int)redirect + " to another host", ("requests to the API", api.Requests.Count), ("requests to the other host", otherHost.Requests.Count), ("credentials seen there", 0));
    }

    [Theory]
    [InlineData("http://cover.example.com/", "https://cover.example.com/oauth2/token")]
    [InlineData("https://cover.example.com/", "http://cover.example.com/oauth2/token")]
    public void Plain_http_is_refused_except_for_loopback(string baseAddress, string tokenEndpoint)
    {
        var options = new CoverClientOptions { BaseAddress = new Uri(baseAddress), TokenEndpoint = new Uri(tokenEndpoint), ClientId = "id", ClientSecret = "secret" };
        var error = Assert.Throws<OptionsValidationException>(() => new CoverClient(options));
        Assert.DoesNotContain("secret", error.Message.Replace("ClientSecret", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        options.BaseAddress = new Uri("http://127.0.0.1:1/");
        options.TokenEndpoint = new Uri("http://localhost:1/oauth2/token");
        using var loopback = new CoverClient(options);
    }

    /// <summary>A tiny HTTP server on a free loopback port that records the credentials it receives.</summary>
    private sealed class RecordingListener : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Func<HttpListenerContext, (HttpStatusCode Status, string Body)> _answer;

        public RecordingListener(Func<HttpListenerContext, (HttpStatusCode, string)> answer)
        {
            _answer = answer;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Prefix = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Prefix);
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Prefix { get; }

        public ConcurrentQueue<(string? Authorization, string? AppKey)> Requests { get; } = new();

        public void Dispose() => _listener.Close();

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Requests.Enqueue((context.Request.Headers["Authorization"], context.Request.Headers["Atradius-App-Key"]));
                var (status, body) = _answer(context);
                context.Response.StatusCode = (int)status;
                if ((int)status is >= 300 and < 400)
                {
                    context.Response.RedirectLocation = body;
                    body = string.Empty;
                }

                context.Response.ContentType = "application/json";
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
    }
}
