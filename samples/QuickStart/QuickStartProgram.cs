using Atradius.Cover.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>Runs the journey and turns every way it can end into an exit code and a message a person can act on.</summary>
public static class QuickStartProgram
{
    public const int Succeeded = 0;
    public const int ApiFailed = 1;
    public const int BadSettings = 2;
    public const int Interrupted = 3;

    public static IConfiguration LoadConfiguration(string[] args) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var settings = new JourneySettings();
            configuration.GetSection("Atradius:QuickStart").Bind(settings);

            await using var connection = await CoverConnection.OpenAsync(configuration, cancellationToken);
            output.WriteLine($"Atradius Cover quick start, talking to {connection.Description}.");
            if (!connection.IsSandbox)
            {
                output.WriteLine("This run applies for, changes and cancels real cover on the configured policy.");
            }

            await new QuickStartJourney(connection.Client, settings, output).RunAsync(cancellationToken);
            output.WriteLine();
            output.WriteLine("Done: the whole journey ran.");
            return Succeeded;
        }
        catch (OptionsValidationException invalid)
        {
            error.WriteLine($"The settings under {CoverConnection.SectionName} are incomplete or wrong:");
            foreach (var failure in invalid.Failures)
            {
                error.WriteLine("  " + failure);
            }

            return BadSettings;
        }
        catch (InvalidOperationException invalid) when (invalid.InnerException is FormatException or InvalidCastException)
        {
            error.WriteLine($"A setting could not be read: {invalid.Message}");
            return BadSettings;
        }
        catch (CoverTransportException transport)
        {
            error.WriteLine($"No answer from the Cover API: {transport.Message}");
            if (transport.RequestMayHaveBeenProcessed)
            {
                error.WriteLine($"The last request may have been processed; repeating it with idempotency key {transport.IdempotencyKey} is safe.");
            }

            return ApiFailed;
        }
        catch (CoverApiException api)
        {
            error.WriteLine($"The Cover API answered {api.Status} {api.ErrorCode}: {api.Message}");
            foreach (var detail in api.Errors)
            {
                error.WriteLine("  " + detail);
            }

            error.WriteLine($"Correlation id for support: {api.CorrelationId ?? "(none)"}");
            return ApiFailed;
        }
        catch (CoverDecisionTimeoutException timeout)
        {
            error.WriteLine($"Cover {timeout.CoverId} was still with the underwriter after {timeout.Timeout}; look again later.");
            return ApiFailed;
        }
        catch (JourneyException journey)
        {
            error.WriteLine(journey.Message);
            return ApiFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("Stopped before the journey was complete.");
            return Interrupted;
        }
    }
}
