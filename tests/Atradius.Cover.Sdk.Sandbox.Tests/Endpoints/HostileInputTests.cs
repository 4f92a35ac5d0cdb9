using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Endpoints;

/// <summary>Bad input never yields a 500: each gets a 4xx in the real error shape naming what is wrong.</summary>
public sealed class HostileInputTests
{
    private static async Task<Answer> PostBytesAsync(ApiClient api, string path, byte[] body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await Answer.ReadAsync(await api.Http.PostAsync(path, content, Ct));
    }

    [Theory]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000,"customerRefNumber":"\ud800"}""", "customerRefNumber")]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":50000.0000000000000000000000000001}""", "creditLimitAmount")]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":1e400}""", "creditLimitAmount")]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000000000000}""", "creditLimitAmount")]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000,"effectFromDate":"1999-01-01"}""", "effectFromDate")]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000,"effectFromDate":"2999-01-01"}""", "effectFromDate")]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000,"effectFromDate":"2026-02-30"}""", "effectFromDate")]
    [InlineData("""{"customerId":"200417","policyId":"5012345","buyerId":10042317,"coverType":"credit-limit","creditLimitAmount":5000}""", "customerId")]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":99999999999999999999,"coverType":"credit-limit","creditLimitAmount":5000}""", "buyerId")]
    [InlineData("""{"customerId":200417,"policyId":"5012345","buyerId":10042317,"coverType":"surety","creditLimitAmount":5000}""", "coverType")]
    [InlineData("""[1,2,3]""", "body")]
    [InlineData("""{"customerId":200417""", "body")]
    public async Task A_bad_field_is_a_400_naming_it(string json, string parameter)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var answer = await api.PostAsync(Covers, json);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(parameter, answer.Parameter);
        Assert.Equal(0, sandbox.Statistics.ApplicationsCreated);
    }

    [Fact]
    public async Task Invalid_utf8_and_deep_nesting_are_400()
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: Ct);
        using var api = await CreateAsync(sandbox);
        var invalid = Encoding.UTF8.GetBytes("""{"customerId":200417,"policyId":"X""").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await PostBytesAsync(api, Covers, invalid)).Status);
        var deep = Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostBytesAsync(api, Covers, deep)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsync(Covers, """{"action":"explode","customerId":200417}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"{Covers}?buyerId=-1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"{Covers}?buyerId=1&buyerId=2")).Status);
    }

    [Fact]
    public async Task An_oversized_token_form_is_413_and_a_multipart_form_415()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { MaxRequestBodyBytes = 4096, OAuth2TokenRoute = true }, Ct);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        using var huge = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("padding", new string('x', 10_000))]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PostAsync("oauth2/token", huge, Ct)).StatusCode);

        using var broken = new StringContent("--boundary\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_cred", Encoding.UTF8);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=boundary");
        var status = (await http.PostAsync("oauth2/token", broken, Ct)).StatusCode;
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);

        using var api = await CreateAsync(sandbox);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostBytesAsync(api, Covers, new byte[10_000])).Status);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_answered_408()
    {
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { RequestBodyTimeout = TimeSpan.FromMilliseconds(300) }, Ct);
        using var api = await CreateAsync(sandbox);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(sandbox.BaseAddress.Host, sandbox.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST {Covers} HTTP/1.1\r\nHost: {sandbox.BaseAddress.Authority}\r\nAuthorization: {api.Http.DefaultRequestHeaders.Authorization}\r\nAtradius-App-Key: {sandbox.ReadWriteClient.AppKey}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{{\"customerId\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, Ct);
        var response = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 408", response, StringComparison.Ordinal);
        Assert.Contains("did not arrive in time", response, StringComparison.Ordinal);
    }
}
