using System.Reflection;
using Atradius.Cover.Sdk.Tests.Support;
using RichardSzalay.MockHttp;
using static Atradius.Cover.Sdk.Tests.Support.CoverApi;

namespace Atradius.Cover.Sdk.Tests.Options;

/// <summary>The public constructor keeps a validated copy of the options: the caller's object can change afterwards without effect.</summary>
public sealed class OptionsSnapshotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changes_to_the_options_after_construction_do_not_reach_the_client()
    {
        using var api = new CoverApi();
        api.Mock.When(HttpMethod.Get, CoversUrl).Respond(_ => Answer(200, DataJson(CoverJson(1))));
        using var client = new CoverClient(api.Options, api.Recorder);

        // None of these would pass validation; a client that kept the caller's object would send them.
        api.Options.CustomerId = -5;
        api.Options.PolicyId = "changed";
        api.Options.AppKey = "AppKey\r\nX-Injected: 1";
        api.Options.ClientSecret = null;
        api.Options.Scopes.Add("changed");
        api.Options.Resilience.AttemptTimeout = TimeSpan.Zero;

        var covers = await client.Decisions.ListAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Single(covers);
        var request = api.Requests.Single();
        Assert.Contains("customerId=1001", request.Uri.Query, StringComparison.Ordinal);
        Assert.Contains("policyId=5012345", request.Uri.Query, StringComparison.Ordinal);
        Assert.Equal("AppKey-77c6b5a4", request.Headers["Atradius-App-Key"]);
        var token = api.Recorder.Requests.Single(r => r.Uri.AbsoluteUri == TokenUrl);
        Assert.Equal("AppKey-77c6b5a4", token.Headers["Atradius-App-Key"]);
    }

    [Fact]
    public void The_copy_has_every_settable_property_of_the_options_and_of_their_resilience_settings()
    {
        var options = new CoverClientOptions();
        SetEveryProperty(options);
        SetEveryProperty(options.Resilience);
        options.Scopes.Add("scope-a");
        options.Scopes.Add("scope-b");

        var copy = options.Clone();

        AssertSameValues(options, copy);
        AssertSameValues(options.Resilience, copy.Resilience);
        Assert.Equal(new[] { "scope-a", "scope-b" }, copy.Scopes);
        Assert.NotSame(options.Scopes, copy.Scopes);
        Assert.NotSame(options.Resilience, copy.Resilience);

        // A new read-only member (a collection, a group of settings) needs its own line in Clone: make it fail here first.
        var readOnly = typeof(CoverClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not { IsPublic: true }).Select(p => p.Name);
        Assert.Equal(new[] { "Resilience", "Scopes" }, readOnly.Order(StringComparer.Ordinal));
        Assert.All(typeof(CoverResilienceOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance), p => Assert.True(p.SetMethod is { IsPublic: true }, p.Name));
    }

    [Fact]
    public void The_copy_shares_no_list_with_the_original()
    {
        var options = new CoverClientOptions();
        options.Scopes.Add("scope-a");
        var copy = options.Clone();

        options.Scopes.Add("scope-b");
        options.Resilience.MaxRetryAttempts = 7;

        Assert.Equal(new[] { "scope-a" }, copy.Scopes);
        Assert.Equal(3, copy.Resilience.MaxRetryAttempts);
    }

    private static void SetEveryProperty(object target)
    {
        foreach (var property in Settable(target.GetType()))
        {
            var value = NotDefault(property.PropertyType, property.GetValue(target), property.Name);
            property.SetValue(target, value);
            Assert.Equal(value, property.GetValue(target));
        }
    }

    private static void AssertSameValues(object expected, object actual)
    {
        foreach (var property in Settable(expected.GetType()))
        {
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)), $"{expected.GetType().Name}.{property.Name} was not copied.");
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    /// <summary>A value unlike both the type's default and the property's current (default) value.</summary>
    private static object NotDefault(Type type, object? current, string name)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        object value = underlying switch
        {
            _ when underlying == typeof(string) => "value-of-" + name,
            _ when underlying == typeof(Uri) => new Uri("https://" + name.ToLowerInvariant() + ".example.test/"),
            _ when underlying == typeof(bool) => !(current as bool? ?? false),
            _ when underlying == typeof(int) => (current as int? ?? 0) + 17,
            _ when underlying == typeof(long) => (current as long? ?? 0) + 4242,
            _ when underlying == typeof(double) => (current as double? ?? 0) + 0.37,
            _ when underlying == typeof(TimeSpan) => (current as TimeSpan? ?? TimeSpan.Zero) + TimeSpan.FromSeconds(13),
            _ when underlying.IsEnum => Enum.GetValues(underlying).Cast<object>().First(v => !Equals(v, current)),
            _ => throw new InvalidOperationException($"No test value for {name} of type {type}; extend this test."),
        };
        Assert.NotEqual(current, value);
        return value;
    }
}
