using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Atradius.Cover.Samples.QuickStart;

/// <summary>Runs the journey and turns every way it can end into an exit code and a message a person can act on.</summary>
public static class QuickStartProgram
{
    public const int Succeeded = 0;
    public const int StepFailed = 1;
    public const int BadSettings = 2;
    public const int Interrupted = 3;

    /// <summary>appsettings.json beside the program, then environment variables, then the command line.</summary>
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
            await using var connection = await CoverConnection.OpenAsync(configuration, cancellationToken);
            output.WriteLine($"Atradius Cover quick start, talking to {connection.Description}.");
            if (!connection.IsSandbox)
            {
                output.WriteLine("This run applies for, changes and cancels real cover on the configured policy.");
            }

            var journey = new QuickStartJourney(connection.Client, connection.Settings, connection.IsSandbox, output);
            await journey.RunAsync(cancellationToken);
            output.WriteLine();
            var skipped = journey.SkippedSteps;
            output.WriteLine(skipped.Count == 0
                ? $"Done: all {QuickStartJourney.StepCount} steps of the journey worked."
                : string.Create(CultureInfo.InvariantCulture, $"Done: {QuickStartJourney.StepCount - skipped.Count} of {QuickStartJourney.StepCount} steps of the journey worked; skipped (see above): step {string.Join(" and ", skipped)}."));
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
        catch (SettingsException invalid)
        {
            if (invalid.ClientSettings.Count > 0)
            {
                error.WriteLine($"The settings under {CoverConnection.SectionName} are incomplete or wrong:");
                foreach (var failure in invalid.ClientSettings)
                {
                    error.WriteLine("  " + failure);
                }
            }

            error.WriteLine($"The settings under {JourneySettings.SectionName} are incomplete or wrong:");
            foreach (var problem in invalid.Problems)
            {
                error.WriteLine("  " + problem);
            }

            return BadSettings;
        }
        // The configuration binder wraps a value it cannot convert; the converter behind a number throws ArgumentException.
        catch (InvalidOperationException invalid) when (invalid.InnerException is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            error.WriteLine($"A setting could not be read: {invalid.Message}");
            return BadSettings;
        }
        catch (StepFailedException failed)
        {
            error.WriteLine(failed.Message);
            return StepFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("Stopped before the journey was complete.");
            return Interrupted;
        }
    }
}
