using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>
/// A MockHttp socket that answers every request of the contract with the contract's own example, and a route it
/// does not know with the gateway's 403, as the real gateway does; it records every request that reaches it.
/// </summary>
internal sealed class ContractService
{
    public ContractService()
    {
        Mock.Fallback.Respond(AnswerAsync);
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public ConcurrentQueue<ContractRequest> Requests { get; } = new();

    /// <summary>Chooses the success status of an answer; by default the lowest the operation declares.</summary>
    public Func<ContractOperation, ContractRequest, string?> ChooseStatus { get; set; } = (_, _) => null;

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage message)
    {
        var request = await ContractRequest.CaptureAsync(message, CancellationToken.None);
        Requests.Enqueue(request);
        var matches = ContractOperation.Matching(request.Method, request.Uri.AbsolutePath);
        if (matches.Count != 1)
        {
            return Answer("403", ContractDocument.Instance.Navigate("#/components/responses/Forbidden"));
        }

        var operation = matches[0];
        var responses = operation.Node["responses"]!.AsObject();
        var status = ChooseStatus(operation, request) ?? responses.Select(r => r.Key).Where(s => s.StartsWith('2')).Order(StringComparer.Ordinal).First();
        return Answer(status, responses[status]!);
    }

    private static HttpResponseMessage Answer(string status, JsonNode responseNode)
    {
        var contract = ContractDocument.Instance;
        var response = contract.Resolve(responseNode);
        var answer = new HttpResponseMessage((HttpStatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));
        if (response["content"]?["application/json"] is JsonNode media)
        {
            var example = media["example"] ?? contract.Resolve(media["examples"]!.AsObject().First().Value!)["value"]!;
            answer.Content = new StringContent(example.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return answer;
    }
}
