using System.Net;
using System.Net.Http.Headers;

namespace Atradius.Cover.Sdk.Benchmarks.Wire;

/// <summary>
/// An in-process stand-in for the socket that answers the real service's routes with canned bytes: the token,
/// a buyer's covers, a submit (201 with <c>{data:[{coverId,response}]}</c>), the decided list for the read-back,
/// and, without a buyer filter, a list of <see cref="LargeListCount"/> covers. It reads every request body to
/// the end, as a socket would, so a client that serializes lazily pays for it too. It keeps no per-call state.
/// </summary>
public sealed class CannedCoverApi : HttpMessageHandler
{
    private const string CoverManagement = "/credit-insurance/cover-management/v1/covers";
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private int _largeListCount;
    private int _tokenRequests;

    /// <summary>One canned API for a whole process.</summary>
    public static CannedCoverApi Shared { get; } = new();

    /// <summary>How many covers <c>GET /covers</c> without a buyer answers.</summary>
    public int LargeListCount
    {
        get => Volatile.Read(ref _largeListCount);
        set => Volatile.Write(ref _largeListCount, value);
    }

    /// <summary>Token requests answered so far.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        var get = request.Method == HttpMethod.Get;
        if (path == "/authenticate/v2/tokens")
        {
            Interlocked.Increment(ref _tokenRequests);
            return Answer(HttpStatusCode.OK, CannedBodies.Token);
        }

        if (path == "/credit-insurance/policy-management/v1/policies/details")
        {
            return Answer(HttpStatusCode.OK, CannedBodies.Policy);
        }

        if (path == CoverManagement)
        {
            if (request.Method == HttpMethod.Post)
            {
                return Answer(HttpStatusCode.Created, CannedBodies.Submitted);
            }

            if (get)
            {
                return uri.Query.Contains("buyerId=", StringComparison.Ordinal)
                    ? Answer(HttpStatusCode.OK, CannedBodies.BuyerCovers)
                    : Answer(HttpStatusCode.OK, new LargeListContent(LargeListCount));
            }
        }

        if (get && path == CoverManagement + "/decisions")
        {
            return Answer(HttpStatusCode.OK, CannedBodies.BuyerDecisions);
        }

        if (get && path.StartsWith(CoverManagement + "/", StringComparison.Ordinal))
        {
            return Answer(HttpStatusCode.OK, CannedBodies.Empty);
        }

        // The gateway's answer to a route it does not know.
        return Answer(HttpStatusCode.Forbidden, "{\"fault\":{\"faultstring\":\"Unknown route\",\"detail\":{\"errorcode\":\"messaging.adaptors.http.flow.NoActiveTargets\"}}}"u8.ToArray());
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, byte[] body) => Answer(status, new ByteArrayContent(body));

    private static HttpResponseMessage Answer(HttpStatusCode status, HttpContent content)
    {
        content.Headers.ContentType = Json;
        var response = new HttpResponseMessage(status) { Content = content };
        response.Headers.TryAddWithoutValidation("Atradius-Correlation-Id", "9f1c2a4e-3b7d-4c55-9a0e-6d2f0b1c8e77");
        return response;
    }
}
