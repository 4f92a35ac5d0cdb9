using System.Globalization;
using System.Net;
using System.Text.Json;
using Atradius.Cover.Sdk.Benchmarks.Contenders;
using Atradius.Cover.Sdk.Benchmarks.Wire;

namespace Atradius.Cover.Sdk.Benchmarks.Runners;

/// <summary>
/// <c>split [rounds]</c>: the pieces of reading a buyer's covers, each on its own and in turns, without HTTP:
/// how the five covers' bytes become objects (the baseline's deserializer; the SDK's envelope reader into
/// <see cref="CoverDecision"/>; the same without the envelope reader), and what the SDK
/// does per call around them (the response header copy, the correlation id, the route). Shows where the
/// facade's cost goes when it is above the baseline's.
/// </summary>
public static class CostSplit
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var body = CannedBodies.BuyerCovers;
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        response.Headers.TryAddWithoutValidation("Atradius-Correlation-Id", "9f1c2a4e-3b7d-4c55-9a0e-6d2f0b1c8e77");
        var options = Ours.Options(BenchEndpoint.Canned);
        long sink = 0;

        await TurnTable.RunAsync("The pieces of reading a buyer's covers, without HTTP", 2000, rounds,
        [
            ("Baseline: source-generated deserializer, whole envelope from a stream", async () =>
            {
                using var stream = new MemoryStream(body, writable: false);
                var list = await JsonSerializer.DeserializeAsync(stream, BaselineJsonContext.Default.CoverListDto).ConfigureAwait(false);
                sink += list!.Data.Count;
            }),
            ("SDK: envelope reader into CoverDecision (what the facade reads)", async () =>
            {
                using var stream = new MemoryStream(body, writable: false);
                await foreach (var cover in CoverEnvelopeReader.ReadItemsAsync(stream, CoverJsonContext.Default.CoverDecision, refuseErrors: true).ConfigureAwait(false))
                {
                    sink += cover.CoverId;
                }
            }),
            ("SDK: source-generated deserializer into CoverDecision, one item at a time, no envelope reader", () =>
            {
                var reader = new Utf8JsonReader(body);
                reader.Read();
                reader.Read();
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    sink += JsonSerializer.Deserialize(ref reader, CoverJsonContext.Default.CoverDecision)!.CoverId;
                }

                return Task.CompletedTask;
            }),
            ("SDK per call: CoverResponseInfo.From, headers not read (what a list does)", () =>
            {
                sink += CoverResponseInfo.From(response, null).Status;
                return Task.CompletedTask;
            }),
            ("SDK per call: CoverResponseInfo.From, then its headers read (copied on first access)", () =>
            {
                sink += CoverResponseInfo.From(response, null).Headers.Count;
                return Task.CompletedTask;
            }),
            ("SDK per call: correlation id (CoverTransport.ForCall)", () =>
            {
                sink += CoverTransport.ForCall(null).CorrelationId!.Length;
                return Task.CompletedTask;
            }),
            ("SDK per call: reading the body straight from its content", async () =>
            {
                using var content = new ByteArrayContent(body);
                sink += await DrainAsync(await content.ReadAsStreamAsync().ConfigureAwait(false)).ConfigureAwait(false);
            }),
            ("SDK per call: reading the body through the list's stall guard (CoverBodyDeadline)", async () =>
            {
                using var content = new ByteArrayContent(body);
                sink += await DrainAsync(CoverBodyDeadline.Guard(await content.ReadAsStreamAsync().ConfigureAwait(false), options.Resilience.AttemptTimeout)).ConfigureAwait(false);
            }),
            ("SDK per call: the route (CoverRoutes.WithQuery)", () =>
            {
                sink += CoverRoutes.WithQuery(CoverRoutes.Covers, ("policyId", options.PolicyId), ("customerId", "200417"), ("buyerId", "10042317"), ("coverType", null), ("fromDate", null)).Length;
                return Task.CompletedTask;
            }),
        ]).ConfigureAwait(false);

        // The five covers hold 9 timestamps and 7 dates; each read below is one value, 100 a call.
        var timestamp = "\"2026-12-01T10:15:00+01:00\""u8.ToArray();
        var date = "\"2026-06-02\""u8.ToArray();
        var json = JsonSerializerOptions.Default;
        var sdkTimestamp = new LenientTimestampConverter();
        var sdkDate = new Generated.DateFormatConverter();
        var stjTimestamp = System.Text.Json.Serialization.Metadata.JsonMetadataServices.DateTimeOffsetConverter;
        var stjDate = System.Text.Json.Serialization.Metadata.JsonMetadataServices.DateOnlyConverter;
        await TurnTable.RunAsync("One timestamp or date read from UTF-8 (100 per call; figures per call of 100)", 200, rounds,
        [
            ("System.Text.Json's DateTimeOffset converter (the baseline's)", () => Repeat(timestamp, (ref Utf8JsonReader r) => sink += stjTimestamp.Read(ref r, typeof(DateTimeOffset), json).Ticks)),
            ("SDK LenientTimestampConverter (UTF-8 bytes first, string parsers for odd forms)", () => Repeat(timestamp, (ref Utf8JsonReader r) => sink += sdkTimestamp.Read(ref r, typeof(DateTimeOffset?), json)!.Value.Ticks)),
            ("System.Text.Json's DateOnly converter (the baseline's)", () => Repeat(date, (ref Utf8JsonReader r) => sink += stjDate.Read(ref r, typeof(DateOnly), json).DayNumber)),
            ("SDK generated DateFormatConverter (UTF-8 bytes first, string parser for odd forms)", () => Repeat(date, (ref Utf8JsonReader r) => sink += sdkDate.Read(ref r, typeof(DateTimeOffset), json).Ticks)),
        ]).ConfigureAwait(false);
        GC.KeepAlive(sink);
        return 0;
    }

    /// <summary>Reads a body to its end in 16 KiB reads, as the envelope reader does.</summary>
    private static async Task<long> DrainAsync(Stream stream)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        await stream.DisposeAsync().ConfigureAwait(false);
        return total;
    }

    private delegate void ReadValue(ref Utf8JsonReader reader);

    private static Task Repeat(byte[] value, ReadValue read)
    {
        for (var i = 0; i < 100; i++)
        {
            var reader = new Utf8JsonReader(value);
            reader.Read();
            read(ref reader);
        }

        return Task.CompletedTask;
    }
}
