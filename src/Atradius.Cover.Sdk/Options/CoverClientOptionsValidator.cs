using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Checks <see cref="CoverClientOptions"/> before any request is sent, with messages that name the setting
/// and the problem. Used by dependency injection (<c>ValidateOnStart</c>) and by the path without it.
/// </summary>
internal sealed class CoverClientOptionsValidator : IValidateOptions<CoverClientOptions>
{
    private const string Prefix = "CoverClientOptions.";

    public ValidateOptionsResult Validate(string? name, CoverClientOptions options)
    {
        if (options is null)
        {
            return ValidateOptionsResult.Fail("CoverClientOptions must not be null.");
        }

        var failures = new List<string>();

        CheckEndpoint(options.BaseAddress, nameof(CoverClientOptions.BaseAddress), failures);
        if (options.TokenEndpoint is not null)
        {
            CheckEndpoint(options.TokenEndpoint, nameof(CoverClientOptions.TokenEndpoint), failures);
        }

        // The token client takes any style but OAuth2 for the Atradius one: a value outside the enum (a number in the
        // settings, a cast) would otherwise be sent as the Atradius style without a word.
        if (options.TokenEndpointStyle is not (CoverTokenEndpointStyle.Atradius or CoverTokenEndpointStyle.OAuth2))
        {
            failures.Add($"{Prefix}TokenEndpointStyle must be Atradius (the default) or OAuth2; it is {(int)options.TokenEndpointStyle}.");
        }
        else if (options.TokenEndpointStyle == CoverTokenEndpointStyle.OAuth2 && options.TokenEndpoint is null)
        {
            // The default endpoint is the Atradius route, which takes the Atradius style only: the client would fail at
            // its first call instead of here.
            failures.Add($"{Prefix}TokenEndpoint is required when TokenEndpointStyle is OAuth2: the default endpoint (BaseAddress + authenticate/v2/tokens) is the Atradius route, which answers the Atradius style only.");
        }

        if (options.BaseAddress is { IsAbsoluteUri: true } baseAddress)
        {
            if (!string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment))
            {
                failures.Add($"{Prefix}BaseAddress must not have a query or a fragment.");
            }
            else if (baseAddress.AbsolutePath[baseAddress.AbsolutePath.Length - 1] != '/')
            {
                failures.Add($"{Prefix}BaseAddress must be the host root (e.g. https://api.atradius.com/); the SDK adds the route paths. A path is allowed only when it ends in '/' (found \"{baseAddress.AbsolutePath}\").");
            }
        }

        if (options.CustomerId is not > 0)
        {
            failures.Add($"{Prefix}CustomerId is required: the customer (policy holder) number, greater than zero.");
        }

        // Counted without the blanks around it, which the client leaves out when it sends the policy (CoverClientOptions.Clone).
        if (options.PolicyId is not null && options.PolicyId.Trim().Length is 0 or > CoverArgument.MaxPolicyIdLength)
        {
            failures.Add($"{Prefix}PolicyId must be left unset (to use the live policy) or hold 1 to 20 characters (blanks around them are left out).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Prefix}ClientId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Prefix}ClientSecret is required.");
        }

        // Sent as a header: HttpClient refuses a non-ASCII value (a non-breaking space pasted with the key, say) only once
        // connected, and every call would then fail as if the service could not be reached. A key of blanks alone (a
        // placeholder left in the settings) is no key, as a blank ClientId or ClientSecret is none.
        if (options.AppKey is not null && (string.IsNullOrWhiteSpace(options.AppKey) || options.AppKey.Any(c => c is < ' ' or > '~')))
        {
            failures.Add($"{Prefix}AppKey must be left unset or be a value of printable ASCII characters that is not empty or only blanks.");
        }
        else if (options.AppKey is null && options.BaseAddress is { IsAbsoluteUri: true } service && IsAtradiusHost(service))
        {
            // The Atradius gateway reads the key on every call: without it the client would fail only at its first call.
            // A gateway of the user's own in front of it may add the key itself, so other hosts may go without.
            failures.Add($"{Prefix}AppKey is required for {service.Host}: the Atradius service reads Atradius-App-Key on every call.");
        }

        foreach (var scope in options.Scopes)
        {
            if (string.IsNullOrWhiteSpace(scope) || scope.Any(char.IsWhiteSpace))
            {
                failures.Add($"{Prefix}Scopes must hold single scope names without spaces (found \"{scope}\").");
            }
        }

        if (options.TokenRefreshSkew < TimeSpan.Zero || options.TokenRefreshSkew > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}TokenRefreshSkew must be between 0 and 1 hour.");
        }

        if (options.UserAgentSuffix is not null && options.UserAgentSuffix.Any(c => char.IsControl(c) || c > '\u007e'))
        {
            failures.Add($"{Prefix}UserAgentSuffix must hold printable ASCII characters only.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}PollInterval must be greater than zero.");
        }

        if (options.WaitTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}WaitTimeout must be greater than zero.");
        }

        CheckResilience(options.Resilience, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Validates for the path without dependency injection, throwing a message that names every bad setting.</summary>
    public static void ThrowIfInvalid(CoverClientOptions options)
    {
        _ = options ?? throw new ArgumentNullException(nameof(options));
        var result = new CoverClientOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(CoverClientOptions), result.Failures);
        }
    }

    private static void CheckEndpoint(Uri? uri, string setting, List<string> failures)
    {
        if (uri is null)
        {
            failures.Add($"{Prefix}{setting} is required.");
        }
        else if (!uri.IsAbsoluteUri)
        {
            failures.Add($"{Prefix}{setting} must be an absolute URI.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp)
        {
            if (!CoverEndpointPolicy.IsLoopback(uri))
            {
                failures.Add($"{Prefix}{setting} must use https (http is allowed only for loopback hosts).");
            }
        }
        else if (uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{Prefix}{setting} must use https (http is allowed only for loopback hosts).");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            failures.Add($"{Prefix}{setting} must not carry credentials in the URI; use ClientId and ClientSecret.");
        }
    }

    private static void CheckResilience(CoverResilienceOptions r, List<string> failures)
    {
        const string P = Prefix + "Resilience.";
        if (r is null)
        {
            failures.Add($"{Prefix}Resilience is required.");
            return;
        }

        if (r.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{P}MaxRetryAttempts must be between 0 and 10.");
        }

        if (r.BaseDelay < TimeSpan.Zero || r.BaseDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{P}BaseDelay must be between 0 and 5 minutes.");
        }

        if (r.AttemptTimeout < TimeSpan.FromMilliseconds(10) || r.AttemptTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{P}AttemptTimeout must be between 10 milliseconds and 1 day.");
        }

        if (r.TotalTimeout < TimeSpan.FromMilliseconds(10) || r.TotalTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{P}TotalTimeout must be between 10 milliseconds and 1 day.");
        }
        else if (r.TotalTimeout <= r.AttemptTimeout)
        {
            failures.Add($"{P}TotalTimeout must be longer than AttemptTimeout.");
        }

        if (r.CircuitBreakerFailureRatio is <= 0 or > 1 || double.IsNaN(r.CircuitBreakerFailureRatio))
        {
            failures.Add($"{P}CircuitBreakerFailureRatio must be greater than 0 and at most 1.");
        }

        if (r.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add($"{P}CircuitBreakerMinimumThroughput must be at least 2.");
        }

        if (r.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500) || r.CircuitBreakerBreakDuration > TimeSpan.FromDays(1))
        {
            failures.Add($"{P}CircuitBreakerBreakDuration must be between 500 milliseconds and 1 day.");
        }

        // The standard handler refuses a sampling window shorter than two attempts: the breaker could
        // otherwise never see an attempt that timed out.
        if (r.CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || r.CircuitBreakerSamplingDuration > TimeSpan.FromDays(1))
        {
            failures.Add($"{P}CircuitBreakerSamplingDuration must be between 500 milliseconds and 1 day.");
        }
        else if (r.CircuitBreakerSamplingDuration.Ticks < 2 * r.AttemptTimeout.Ticks)
        {
            failures.Add($"{P}CircuitBreakerSamplingDuration must be at least twice AttemptTimeout.");
        }
    }

    /// <summary>Whether the address is the Atradius service's own (api.atradius.com, api-uat.atradius.com, any *.atradius.com).</summary>
    private static bool IsAtradiusHost(Uri address) =>
        string.Equals(address.Host, "atradius.com", StringComparison.OrdinalIgnoreCase)
        || address.Host.EndsWith(".atradius.com", StringComparison.OrdinalIgnoreCase);
}
