namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>Sits under the client's pipeline and keeps the method and address of every request it passes on.</summary>
internal sealed class RequestLogHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<(HttpMethod Method, Uri Uri)> _requests = [];

    public IReadOnlyList<(HttpMethod Method, Uri Uri)> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add((request.Method, request.RequestUri!));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
