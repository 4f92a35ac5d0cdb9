namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>A request as it reached the socket: what the service would see.</summary>
internal sealed record ContractRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string? Body)
{
    public static async Task<ContractRequest> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        return new ContractRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.MediaType, body);
    }

    public override string ToString() => Method.Method + " " + Uri.PathAndQuery;
}
