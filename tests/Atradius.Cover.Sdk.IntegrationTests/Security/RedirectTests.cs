using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atradius.Cover.Sdk.IntegrationTests.Security;

/// <summary>A service that redirects elsewhere never receives the token, the app key or the client secret there.</summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Credentials_are_not_sent_to_where_an_answer_redirects(bool withDependencyInjection)
    {
        var ct = TestContext.Current.CancellationToken;
        var elsewhere = new ConcurrentQueue<string>();
        await using var collector = await StartAsync(app => app.Run(context =>
        {
            elsewhere.Enqueue(context.Request.Path + " " + string.Join(";", context.Request.Headers.Select(h => h.Key + "=" + h.Value)));
            return context.Response.WriteAsync("{\"data\":[]}", ct);
        }), ct);
        var target = collector.Urls.Single();
        await using var api = await StartAsync(app => app.Run(async context =>
        {
            if (context.Request.Path == "/authenticate/v2/tokens")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"data\":{\"access_token\":\"redirect-test-token\",\"token_type\":\"Bearer\",\"expires_in\":1800}}", ct);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = target + context.Request.Path + context.Request.QueryString;
        }), ct);

        var configure = (CoverClientOptions o) =>
        {
            o.BaseAddress = new Uri(api.Urls.Single() + "/");
            o.ClientId = "redirect-client";
            o.ClientSecret = "redirect-secret";
            o.AppKey = "redirect-app-key";
            o.CustomerId = 200417;
            o.PolicyId = "5012345";
            o.Resilience.MaxRetryAttempts = 0;
        };

        ServiceProvider? services = null;
        CoverClient? own = null;
        ICoverClient cover;
        if (withDependencyInjection)
        {
            var collection = new ServiceCollection();
            collection.AddAtradiusCover(configure);
            services = collection.BuildServiceProvider();
            cover = services.GetRequiredService<ICoverClient>();
        }
        else
        {
            var options = new CoverClientOptions();
            configure(options);
            own = new CoverClient(options);
            cover = own;
        }

        try
        {
            var error = await Assert.ThrowsAnyAsync<CoverApiException>(() => cover.Decisions.ListAsync(cancellationToken: ct).ToListAsync(ct));
            Assert.Equal(307, error.Status);
        }
        finally
        {
            own?.Dispose();
            if (services is not null)
            {
                await services.DisposeAsync();
            }
        }

        Assert.DoesNotContain(elsewhere, r => r.Contains("redirect-test-token", StringComparison.Ordinal) || r.Contains("redirect-app-key", StringComparison.Ordinal) || r.Contains("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> configure, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        configure(app);
        await app.StartAsync(ct);
        return app;
    }
}
