using System.Text;
using Gen = Atradius.Cover.Sdk.Generated;

namespace Atradius.Cover.Sdk.Tests.Contract;

/// <summary>Every example of the contract reads through the SDK's one read path (or its error reading) without error.</summary>
public sealed class ContractExampleTests
{
    private static readonly Dictionary<string, ContractExample> Examples =
        ContractExample.All().ToDictionary(example => example.Location, StringComparer.Ordinal);

    public static TheoryData<string> ExampleLocations => new(Examples.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void The_contract_has_examples_of_every_kind_of_answer()
    {
        var schemas = Examples.Values.Select(e => e.SchemaName).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string> { "CoverListResponse", "CoverResponse", "BuyerListResponse", "PolicyDetailsResponse", "CoverActionResponse", "ErrorResponse", "GatewayFault" }, schemas);
    }

    [Theory]
    [MemberData(nameof(ExampleLocations))]
    public async Task Example_is_read_by_the_sdk(string location)
    {
        var example = Examples[location];
        var ct = TestContext.Current.CancellationToken;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(example.Json));
        switch (example.SchemaName)
        {
            case "CoverListResponse":
            case "CoverResponse":
                await foreach (var cover in CoverEnvelopeReader.ReadItemsAsync(stream, CoverJsonContext.Default.CoverDecision, refuseErrors: true, ct))
                {
                    Assert.True(cover.CoverId > 0, location);
                }

                break;
            case "BuyerListResponse":
                await foreach (var buyer in CoverEnvelopeReader.ReadItemsAsync(stream, CoverJsonContext.Default.Buyer, refuseErrors: true, ct))
                {
                    Assert.True(CoverMapper.ToBuyer(buyer).BuyerId > 0, location);
                }

                break;
            case "PolicyDetailsResponse":
                var policy = await CoverEnvelopeReader.ReadFirstAsync(stream, CoverJsonContext.Default.PolicyDetails, refuseErrors: true, ct);
                Assert.NotEmpty(CoverMapper.ToPolicy(policy!).PolicyId);
                break;
            case "CoverActionResponse":
                var action = await CoverEnvelopeReader.ReadFirstAsync(stream, CoverJsonContext.Default.CoverActionResult, refuseErrors: false, ct);
                Assert.NotNull(action!.CoverId);
                break;
            case "AtradiusTokenResponse":
                var token = await CoverEnvelopeReader.ReadFirstAsync(stream, CoverJsonContext.Default.AtradiusToken, refuseErrors: true, ct);
                Assert.False(string.IsNullOrEmpty(token!.Access_token));
                break;
            case "ErrorResponse":
            case "GatewayFault":
                var error = CoverApiExceptionFactory.Create(400, null, example.Json);
                Assert.True(error.Errors.Count > 0 || error.Message.Contains(':', StringComparison.Ordinal), location);
                break;
            case "CoverApplication":
                Assert.Equal(Gen.RequestCoverType.CreditLimit.GetType(), System.Text.Json.JsonSerializer.Deserialize(example.Json, CoverJsonContext.Default.CoverApplication)!.CoverType.GetType());
                break;
            default:
                // Request bodies of other shapes and the OAuth 2.0 answers are not read by the SDK.
                break;
        }
    }
}
