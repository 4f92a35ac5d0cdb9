using System.Net;
using System.Net.Http.Headers;

namespace Atradius.Cover.Sdk.Benchmarks.Wire;

/// <summary>
/// An in-process stand-in for the socket: answers the Cover API's token, get, submit and list calls with
/// canned bytes, so a benchmark measures what the client does and nothing of the network. It reads each
/// request body to the end, as a socket would, so clients that serialize lazily pay for it too.
/// </summary>
public sealed class CannedCoverApiHandler : HttpMessageHandler
{
    private const string CoversPath = "/credit-insurance/cover-management/v1/covers";
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly byte[] _pageData;
    private readonly byte[][] _pageEnds;
    private readonly Dictionary<string, int> _pageByCursor = new(StringComparer.Ordinal);
    private int _tokenRequests;

    /// <param name="totalItems">How many covers a full list walk yields.</param>
    /// <param name="pageSize">Covers per page (the contract's maximum is 1000).</param>
    public CannedCoverApiHandler(int totalItems = 10_000, int pageSize = 1000)
    {
        var pages = Math.Max(1, (totalItems + pageSize - 1) / pageSize);
        _pageData = CannedCovers.PageData(pageSize);
        _pageEnds = new byte[pages][];
        for (var page = 0; page < pages; page++)
        {
            var next = page + 1 < pages ? CannedCovers.Cursor(page + 1) : null;
            _pageEnds[page] = CannedCovers.PageEnd(next);
            if (next is not null)
            {
                _pageByCursor[next] = page + 1;
            }
        }
    }

    /// <summary>Token requests answered so far.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Size in bytes of one list page.</summary>
    public int PageBytes => _pageData.Length + _pageEnds[0].Length;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        var isGet = request.Method == HttpMethod.Get;
        if (!path.StartsWith(CoversPath, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _tokenRequests);
            return Answer(HttpStatusCode.OK, new ByteArrayContent(CannedCovers.Token));
        }

        if (path.Length == CoversPath.Length)
        {
            if (!isGet)
            {
                var created = Answer(HttpStatusCode.Created, new ByteArrayContent(CannedCovers.Decided));
                created.Headers.Location = new Uri(uri, CoversPath + "/70001234");
                created.Headers.ETag = new EntityTagHeaderValue("\"70001234-1\"");
                return created;
            }

            var page = PageOf(uri.Query);
            return Answer(HttpStatusCode.OK, new SegmentedContent(_pageData, _pageEnds[page]));
        }

        var cover = Answer(HttpStatusCode.OK, new ByteArrayContent(CannedCovers.Cover));
        cover.Headers.ETag = new EntityTagHeaderValue("\"70001240-2\"");
        return cover;
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, HttpContent content)
    {
        content.Headers.ContentType = Json;
        var response = new HttpResponseMessage(status) { Content = content };
        response.Headers.TryAddWithoutValidation("Atradius-Correlation-Id", "9f1c2a4e-3b7d-4c55-9a0e-6d2f0b1c8e77");
        return response;
    }

    private int PageOf(string query)
    {
        var at = query.IndexOf("cursor=", StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var start = at + "cursor=".Length;
        var end = query.IndexOf('&', start);
        var cursor = Uri.UnescapeDataString(end < 0 ? query[start..] : query[start..end]);
        return _pageByCursor.TryGetValue(cursor, out var page) ? page : throw new InvalidOperationException("Unknown cursor " + cursor);
    }
}
