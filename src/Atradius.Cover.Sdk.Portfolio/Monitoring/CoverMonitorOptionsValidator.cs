using Microsoft.Extensions.Options;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Checks the monitor's options when the host starts, so that every setting that cannot work is an
/// <see cref="OptionsValidationException"/> naming it, as a host that reports bad settings expects, rather than some
/// settings that and others an <see cref="ArgumentException"/> from wherever the monitor was first resolved.
/// </summary>
internal sealed class CoverMonitorOptionsValidator : IValidateOptions<CoverMonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, CoverMonitorOptions options) =>
        options.Problem(keyRequired: false) is { } problem ? ValidateOptionsResult.Fail(problem.Message) : ValidateOptionsResult.Success;
}
