using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// Stands in for a service on another machine: forwards each request to the sandbox, and answers a GET it has
/// answered before from memory. Once a list has been read, reading it again costs the client's work and the
/// transfer, not the sandbox building 100,000 covers on the cores the client also uses. With a link speed, it sends
/// every answer no faster than that, as a service reached over a network does: loopback moves a list of 100,000 covers
/// in a fraction of a second, a line of 100 Mbit/s in several.
/// </summary>
internal sealed class ReplayService : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient upstream;
    private readonly ConcurrentDictionary<string, Answer> answers = new(StringComparer.Ordinal);
    private readonly double? bytesPerSecond;

    private ReplayService(WebApplication app, HttpClient upstream, Uri baseAddress, double? megabitsPerSecond)
    {
        this.app = app;
        this.upstream = upstream;
        BaseAddress = baseAddress;
        bytesPerSecond = megabitsPerSecond * 1e6 / 8;
    }

    /// <summary>The address the client calls instead of the sandbox's.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Starts a replay in front of the service at <paramref name="service"/>, sending its answers at no more than
    /// <paramref name="megabitsPerSecond"/> when given.
    /// </summary>
    public static async Task<ReplayService> StartAsync(Uri service, double? megabitsPerSecond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = service, Timeout = TimeSpan.FromMinutes(5) };
        ReplayService? replay = null;
        app.Run(context => replay!.AnswerAsync(context));
        await app.StartAsync();
        var address = app.Urls.First();
        replay = new ReplayService(app, upstream, new Uri(address.EndsWith('/') ? address : address + "/"), megabitsPerSecond);
        return replay;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var key = request.Path + request.QueryString.ToString();
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet || !answers.TryGetValue(key, out var answer))
        {
            answer = await ForwardAsync(request);
            if (isGet && answer.Status == StatusCodes.Status200OK)
            {
                answers[key] = answer;
            }
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentLength = answer.Body.Length;
        if (bytesPerSecond is not { } rate)
        {
            await context.Response.Body.WriteAsync(answer.Body);
            return;
        }

        // Slices of 64 KB, each sent once the link would have carried the ones before it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        const int Slice = 64 * 1024;
        for (var sent = 0; sent < answer.Body.Length; sent += Slice)
        {
            var due = TimeSpan.FromSeconds(sent / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            await context.Response.Body.WriteAsync(answer.Body.AsMemory(sent, Math.Min(Slice, answer.Body.Length - sent)));
        }
    }

    private async Task<Answer> ForwardAsync(HttpRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.ToString().TrimStart('/') + request.QueryString.ToString());
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        if (body.Length > 0 || request.ContentType is not null)
        {
            message.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await upstream.SendAsync(message);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            .Select(h => (h.Key, string.Join(", ", h.Value)))
            .ToArray();
        return new Answer((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        upstream.Dispose();
    }

    private sealed record Answer(int Status, (string Name, string Value)[] Headers, byte[] Body);
}
