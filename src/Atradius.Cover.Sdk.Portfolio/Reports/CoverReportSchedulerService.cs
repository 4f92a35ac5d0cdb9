using System.Text.Json;
using Atradius.Cover.Sdk.Portfolio.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>
/// Produces scheduled portfolio reports (<c>cover.Reports</c>) into files and records each run in the store, so a
/// restart does not produce a report again before it is due, and several instances produce it once (each run takes
/// the store's lease on the report and renews it while the report is produced; a run that loses it stops).
/// </summary>
/// <remarks>
/// File names: <c>{name}.{section}.csv</c> per section for <see cref="CoverReportFormats.Csv"/>, <c>{name}.csv</c>
/// (long format), <c>{name}.json</c>, <c>{name}.md</c> and <c>{name}.html</c>, where name is
/// <see cref="CoverReportDocument.BaseFileName"/> of the definition's name. Each file is streamed into a file beside its
/// final name (<c>.tmp</c>; <see cref="CoverReportDocument.WriteAsync"/>, so no file is held in memory), and the files
/// are moved into place once all of them are written, so a reader never sees half a report nor files of two runs (a
/// move that fails puts the files already moved back as the run before left them); a run that fails or is cancelled
/// deletes the files it was writing.
/// </remarks>
public sealed class CoverReportSchedulerService : BackgroundService
{
    // Renewed every third of it while a report runs, so a long report keeps its lease; short, so that after an
    // instance died the report is produced by another one minutes later, not half an hour.
    private static readonly TimeSpan ReportLeaseDuration = TimeSpan.FromMinutes(2);

    private readonly ICoverClient _client;
    private readonly ICoverPortfolioStore _store;
    private readonly CoverReportSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // One run at a time in this scheduler: a run asked for while another is under way waits for it and then finds the
    // reports it produced no longer due, rather than returning at once, before they are written.
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>
    /// Called when a run is about to wait for another run of this scheduler to end. Lets a test hold a run and see the
    /// next one wait for it without waiting for a while.
    /// </summary>
    internal Action? WaitingForAnotherRun { get; set; }

    /// <summary>Creates the scheduler.</summary>
    /// <param name="client">The client whose <c>Reports</c> produces the reports.</param>
    /// <param name="store">The store that records the runs.</param>
    /// <param name="options">
    /// The schedules. Copied, each schedule and its definition too (its buyer lookup is the same function): a later
    /// change to them does not reach this scheduler.
    /// </param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="logger">Where produced and failed runs are logged; nowhere when null.</param>
    /// <exception cref="ArgumentException">
    /// A schedule has no definition or name, a name longer than 500 characters or holding a character no store keeps, a definition the report refuses (<see cref="CoverReportDefinition.Validate"/>),
    /// a <see cref="CoverReportDefinition.PeriodStart"/> after now without a <see cref="CoverReportDefinition.PeriodEnd"/>,
    /// no output directory or one that is not a valid path, no format or one this version does not know, <see cref="CoverReportFormats.Csv"/> alone for no section (it writes one file per section), or no positive
    /// interval; a <see cref="CoverReportSchedulerOptions.HolderId"/> that is blank, longer than 767 characters or holds a
    /// character no store keeps; two schedules have the same name (the name keys the run record); or two schedules would write the same
    /// files. The message names the schedule and the setting.
    /// </exception>
    public CoverReportSchedulerService(ICoverClient client, ICoverPortfolioStore store, CoverReportSchedulerOptions options, TimeProvider? timeProvider = null, ILogger<CoverReportSchedulerService>? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        // A validated copy, schedules included: a change to the caller's object (the IOptions value is a shared
        // singleton) would otherwise reach the running scheduler unchecked, a CheckInterval a timer refuses or a
        // schedule without a folder.
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Clone();
        _time = timeProvider ?? TimeProvider.System;
        Validate(_options, _time.GetUtcNow());
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Produces every report that is due now (never run, or last run at least its interval ago). A report that fails
    /// does not keep the others from being produced: each is tried, and the failure is thrown once every due report
    /// had its turn. Runs of one scheduler take turns: a call made while another run is under way waits for it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The names of the reports produced.</returns>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        // A run asked for while another is under way (the hosted loop's, say) waits for it, and then finds the reports
        // it produced no longer due.
        if (_running.CurrentCount == 0)
        {
            WaitingForAnotherRun?.Invoke();
        }

        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunDueOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<IReadOnlyList<string>> RunDueOnceAsync(CancellationToken cancellationToken)
    {
        var produced = new List<string>();
        var failures = new List<Exception>();
        foreach (var schedule in _options.Schedules)
        {
            try
            {
                if (await RunIfDueAsync(schedule, cancellationToken).ConfigureAwait(false))
                {
                    produced.Add(schedule.Definition.Name);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One failing report (a folder that cannot be written, a definition the service refuses) would
                // otherwise fail every check before the reports after it are reached, and they would never be produced.
                // Logged here, where its name is known: a report that keeps failing is tried at every check.
                CoverReportSchedulerLog.Failed(_logger, schedule.Definition.Name, error);
                failures.Add(error);
            }
        }

        if (failures.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }

        if (failures.Count > 1)
        {
            throw new AggregateException("Several scheduled reports failed; the others were produced.", failures);
        }

        return produced;
    }

    private async Task<bool> RunIfDueAsync(CoverReportSchedule schedule, CancellationToken cancellationToken)
    {
        var name = schedule.Definition.Name;
        var now = _time.GetUtcNow();
        var last = await _store.GetReportRunAsync(name, cancellationToken).ConfigureAwait(false);
        if (last is not null && now - last.LastRunAt < schedule.Interval)
        {
            return false;
        }

        using var lease = await PortfolioLeaseHolder.TryAcquireAsync(
            _store,
            "report/" + name,
            PortfolioLeaseHolder.ForOneHolding(_options.HolderId),
            ReportLeaseDuration,
            _time,
            storeFailed: error => CoverReportSchedulerLog.StoreFailed(_logger, name, error),
            lost: () => CoverReportSchedulerLog.LeaseLost(_logger, name),
            cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return false;
        }

        try
        {
            // A run stops once its lease is lost or may lapse: another instance may be producing the report then.
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.LostToken);
            return await ProduceAsync(schedule, now, lease, run.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lease.IsLost && !cancellationToken.IsCancellationRequested)
        {
            // Left to the instance that has the lease now; the other reports are still due here.
        }
        catch (PortfolioLeaseLostException)
        {
            // Another instance took the report over while this run was paused past its lease: the run record is
            // that instance's to write.
            lease.MarkTakenOver();
            CoverReportSchedulerLog.LeaseLost(_logger, name);
        }
        finally
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }

        return false;
    }

    private async Task<bool> ProduceAsync(CoverReportSchedule schedule, DateTimeOffset now, PortfolioLeaseHolder lease, CancellationToken cancellationToken)
    {
        // Another instance may have produced it between the check and the lease.
        var name = schedule.Definition.Name;
        var last = await _store.GetReportRunAsync(name, cancellationToken).ConfigureAwait(false);
        if (last is not null && now - last.LastRunAt < schedule.Interval)
        {
            return false;
        }

        var definition = schedule.Definition;
        DateTimeOffset? periodEnd = null;
        if (definition.PeriodStart is null && definition.PeriodEnd is null)
        {
            // Each run reports the changes since the run before it, so that a daily report does not list a week of
            // changes every day, and a host that was down reports the days it missed.
            // The period starts at the beginning of that run's UTC day: the service may date a change by its day alone
            // (read as midnight UTC) or list it after the time it is dated at, and a period starting when the run
            // before ended would then never take it. That day's changes are listed again rather than any never.
            // A clock set back before that day's start is no reason to fail every run until it catches up: the period
            // is then empty.
            periodEnd = now;
            var periodStart = StartOfUtcDay(PreviousPeriodEnd(last) ?? Before(now, schedule.Interval));
            definition = schedule.DefinitionFor(periodStart < now ? periodStart : now, now);
        }

        var report = await _client.Reports.CreatePortfolioReportAsync(definition, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(schedule.OutputDirectory);
        // The files are put in place only while the lease is still this run's: an instance paused past its lease (after
        // writing them, say) would otherwise replace the files of the instance that took the report over.
        var files = await WriteFilesAsync(
            report,
            schedule,
            async ct =>
            {
                if (!await lease.ConfirmHeldAsync(ct).ConfigureAwait(false))
                {
                    // Counted lost, the lease has cancelled the run; refused, it is another holder's.
                    ct.ThrowIfCancellationRequested();
                    throw new PortfolioLeaseLostException(lease.Lease);
                }
            },
            cancellationToken).ConfigureAwait(false);

        var record = new ReportRunRecord { CoverCount = report.CoverCount, Files = files.ToArray(), PeriodEnd = periodEnd };
        await _store.SaveReportRunAsync(
            new ReportRun { ReportName = name, LastRunAt = Slot(last, schedule.Interval, now), Payload = JsonSerializer.SerializeToUtf8Bytes(record, PortfolioJsonContext.Default.ReportRunRecord), Lease = lease.Lease },
            cancellationToken).ConfigureAwait(false);
        CoverReportSchedulerLog.Produced(_logger, name, files.Count, schedule.OutputDirectory);
        return true;
    }

    private static DateTimeOffset StartOfUtcDay(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>
    /// Where the run before ended the period it reported: its record says, or, in a record that does not (written by a
    /// version that let the report choose), the time it was recorded at, which is when it ran or, a little before
    /// that, when it was due; none before the first run. A period starting somewhat early repeats a few changes rather
    /// than missing any.
    /// </summary>
    private static DateTimeOffset? PreviousPeriodEnd(ReportRun? last)
    {
        if (last is null)
        {
            return null;
        }

        try
        {
            return last.Payload.Length > 0
                ? JsonSerializer.Deserialize(last.Payload.Span, PortfolioJsonContext.Default.ReportRunRecord)?.PeriodEnd ?? last.LastRunAt
                : last.LastRunAt;
        }
        catch (JsonException)
        {
            return last.LastRunAt;
        }
    }

    /// <summary>
    /// The time a run is recorded at: when it was due (the last run's plus the interval) if it came within an interval
    /// of that, else when it ran. Checks come every CheckInterval and a run may wait for others before it, so each run
    /// starts somewhat after it is due; recorded as it ran, that delay would add up, and a daily report first made
    /// at 06:00 would come at a quarter past after a month.
    /// </summary>
    private static DateTimeOffset Slot(ReportRun? last, TimeSpan interval, DateTimeOffset now)
    {
        if (last is null)
        {
            return now;
        }

        var due = After(last.LastRunAt, interval);
        return now >= due && now - due < interval ? due : now;
    }

    // An interval meant as "once" (TimeSpan.MaxValue) reaches past the calendar: the earliest and latest instants there are.
    private static DateTimeOffset Before(DateTimeOffset instant, TimeSpan interval) =>
        interval < instant - DateTimeOffset.MinValue ? instant - interval : DateTimeOffset.MinValue;

    private static DateTimeOffset After(DateTimeOffset instant, TimeSpan interval) =>
        interval < DateTimeOffset.MaxValue - instant ? instant + interval : DateTimeOffset.MaxValue;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var initialized = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!initialized)
                    {
                        // A store not reachable yet (a database starting beside the host) is tried again at the next
                        // check, as a failed report is: failing here would end the scheduler, and stop the host.
                        await _store.InitializeAsync(stoppingToken).ConfigureAwait(false);
                        initialized = true;
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    CoverReportSchedulerLog.StoreUnavailable(_logger, error);
                }

                if (initialized)
                {
                    try
                    {
                        await RunDueAsync(stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        // Each failed report was logged with its name; it is tried again at the next check, as the run
                        // record is written only on success.
                    }
                }

#if NET8_0_OR_GREATER
                await Task.Delay(_options.CheckInterval, _time, stoppingToken).ConfigureAwait(false);
#else
                await _time.Delay(_options.CheckInterval, stoppingToken).ConfigureAwait(false);
#endif
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private static void Validate(CoverReportSchedulerOptions options, DateTimeOffset now)
    {
        if (options.OtherClient is { } earlierClient)
        {
            throw new ArgumentException(
                "AddAtradiusCoverReportScheduler was called with two ClientNames ('" + earlierClient + "', then '" + options.ClientName
                + "'): a host runs one scheduler, which would read every report with the last. Produce the other client's reports with a CoverReportSchedulerService of their own.",
                nameof(options));
        }

        // Checked here rather than at the first pause: a zero interval would ask the store for every report in a
        // loop, and a negative one would stop the host with an error that names no setting.
        if (options.CheckInterval <= TimeSpan.Zero || !TimerLimit.Fits(options.CheckInterval))
        {
            throw new ArgumentException("CoverReportSchedulerOptions.CheckInterval must be positive and at most " + TimerLimit.LongestText + ".", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.HolderId))
        {
            throw new ArgumentException("CoverReportSchedulerOptions.HolderId must not be empty.", nameof(options));
        }

        // The store refuses such a holder at every request for a report's lease, naming its own argument: no report
        // would ever be produced, each failure only logged.
        if (StoreArguments.KeyProblem(options.HolderId, PortfolioLeaseHolder.LongestConfiguredHolderId) is { } holderProblem)
        {
            throw new ArgumentException("CoverReportSchedulerOptions.HolderId" + holderProblem, nameof(options));
        }

        var seen = new List<(CoverReportSchedule Schedule, string Folder)>();
        for (var i = 0; i < options.Schedules.Count; i++)
        {
            var schedule = options.Schedules[i];
            if (schedule?.Definition is null || string.IsNullOrWhiteSpace(schedule.Definition.Name))
            {
                throw new ArgumentException("Every report schedule needs a Definition with a Name; CoverReportSchedulerOptions.Schedules[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "] has none.", nameof(options));
            }

            var name = schedule.Definition.Name;

            // The name keys the run record and the lease in the store: one it cannot keep would fail every run.
            if (StoreArguments.KeyProblem(name) is { } keyProblem)
            {
                throw new ArgumentException("CoverReportSchedulerOptions.Schedules[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "].Definition.Name" + keyProblem, nameof(options));
            }

            // The report checks its definition again at every run: refused there, a schedule would fail every check for
            // good, each failure only logged.
            try
            {
                schedule.Definition.Validate();
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException("The report schedule '" + name + "' has a Definition the report refuses: " + error.Message, nameof(options), error);
            }

            // Without an end, each run's period ends when the run starts: a start still ahead leaves it negative, and the
            // report refuses it at every run, each failure only logged, until the clock reaches the start.
            if (schedule.Definition is { PeriodStart: { } start, PeriodEnd: null } && start > now)
            {
                throw new ArgumentException(
                    "The report schedule '" + name + "' has a Definition.PeriodStart (" + Instant(start) + ") after now (" + Instant(now)
                    + ") and no PeriodEnd: each run's period ends when the run starts, so it would end before it starts. Set a PeriodEnd, or leave PeriodStart null for the last 7 days.",
                    nameof(options));
            }

            if (string.IsNullOrWhiteSpace(schedule.OutputDirectory))
            {
                throw new ArgumentException("The report schedule '" + name + "' needs an OutputDirectory.", nameof(options));
            }

            var folder = FullPath(schedule.OutputDirectory)
                ?? throw new ArgumentException("The report schedule '" + name + "' has an OutputDirectory that is not a valid folder path: '" + schedule.OutputDirectory.Replace("\0", "\\0") + "'.", nameof(options));

            // A folder that does not exist yet is made by the first run; a file in its place would fail every run.
            if (File.Exists(folder))
            {
                throw new ArgumentException("The report schedule '" + name + "' has an OutputDirectory that is a file, not a folder: '" + schedule.OutputDirectory + "'.", nameof(options));
            }

            if (schedule.Formats == CoverReportFormats.None || (schedule.Formats & ~CoverReportFormats.All) != 0)
            {
                // No format writes no file, and a format this version does not know is written by none: the run would
                // be recorded with nothing to show for it.
                throw new ArgumentException("The report schedule '" + name + "' needs Formats of one or more of Csv, CsvLong, Json, Markdown and Html; it is '" + schedule.Formats + "'.", nameof(options));
            }

            if (schedule.Formats == CoverReportFormats.Csv && schedule.Definition.Sections == CoverReportSections.None)
            {
                // Csv writes one file per section: with none, the run would be recorded with nothing to show for it too.
                throw new ArgumentException("The report schedule '" + name + "' writes no file: its Formats is Csv alone, one file per section, and its Definition.Sections is None. Ask for a section, or add a format that writes the whole report (CsvLong, Json, Markdown or Html).", nameof(options));
            }

            if (schedule.Interval <= TimeSpan.Zero)
            {
                throw new ArgumentException("The report schedule '" + name + "' needs a positive Interval.", nameof(options));
            }

            foreach (var (other, otherFolder) in seen)
            {
                if (string.Equals(other.Definition.Name, name, StringComparison.Ordinal))
                {
                    throw new ArgumentException("Two report schedules are named '" + name + "'; the name keys the run record, so each schedule needs its own.", nameof(options));
                }

                // Compared without case: on Windows and macOS "Weekly.md" and "weekly.md" are one file.
                if (string.Equals(otherFolder, folder, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(CoverReportDocument.BaseFileName(other.Definition.Name), CoverReportDocument.BaseFileName(name), StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException("The report schedules '" + other.Definition.Name + "' and '" + name + "' would write the same files in '" + schedule.OutputDirectory + "'; give them names that differ in more than case, or different folders.", nameof(options));
                }
            }

            seen.Add((schedule, folder));
        }
    }

    private static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    // Null for a path no file system takes: a character none allows (NUL everywhere), or one the platform refuses.
    private static string? FullPath(string path)
    {
        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return null;
        }

        try
        {
            // Without the separator a folder may be written with ("out/", "out/./"): one folder is one path.
            var full = Path.GetFullPath(path);
            var root = Path.GetPathRoot(full) ?? string.Empty;
            return full.Length > root.Length ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes every file of a report beside its name, as <c>{file}.tmp</c>, and moves them into place only once all are
    /// written: a report that fails half way (a full disk, its third file refused) replaces none of the files a reader
    /// may be reading, rather than leaving files of two runs side by side. A failed run leaves no <c>.tmp</c> file.
    /// </summary>
    private static async Task<IReadOnlyList<string>> WriteFilesAsync(CoverPortfolioReport report, CoverReportSchedule schedule, Func<CancellationToken, Task> beforePlacing, CancellationToken cancellationToken)
    {
        var written = new List<(string Temporary, string Path)>();
        try
        {
            var files = await CoverReportDocument.WriteAsync(
                report,
                schedule.Formats,
                async (fileName, _, writeContent, ct) =>
                {
                    var path = Path.Combine(schedule.OutputDirectory, fileName);
                    await WriteTemporaryAsync(path + ".tmp", writeContent, ct).ConfigureAwait(false);
                    written.Add((path + ".tmp", path));
                },
                cancellationToken).ConfigureAwait(false);
            await beforePlacing(cancellationToken).ConfigureAwait(false);
            PlaceAll(written);
            return files;
        }
        catch
        {
            // A run that failed or was cancelled is tried again at the next check, under the same names: left behind,
            // half a report would sit in a folder others read, one more at every failed check. Files already moved
            // into place are no longer there to delete.
            foreach (var (temporary, _) in written)
            {
                DeleteQuietly(temporary);
            }

            throw;
        }
    }

    /// <summary>Writes a temporary file streamed from <paramref name="writeContent"/>; one that fails is deleted.</summary>
    internal static async Task WriteTemporaryAsync(string temporary, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken)
    {
        try
        {
            using var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await writeContent(file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    /// <summary>
    /// Moves every written file into place, each replacing the run before's in one step. Should a move fail (a file held
    /// open by a reader on Windows, say), the files already moved are put back as the run before left them, so that the
    /// folder never holds files of two runs; the copies kept for that (<c>{file}.previous</c>) are deleted once all
    /// files are in place.
    /// </summary>
    private static void PlaceAll(List<(string Temporary, string Path)> written)
    {
        var placed = new List<(string Path, string? Previous)>(written.Count);
        try
        {
            foreach (var (temporary, path) in written)
            {
                string? previous = null;
                if (File.Exists(path))
                {
                    previous = path + ".previous";
                    File.Copy(path, previous, overwrite: true);
                }

                try
                {
                    MoveIntoPlace(temporary, path);
                }
                catch
                {
                    // The copy is deleted only while the file it copies is still there: a move that failed half way
                    // may have taken that file with it, and the copy then goes back in its place.
                    if (previous is not null)
                    {
                        if (File.Exists(path))
                        {
                            DeleteQuietly(previous);
                        }
                        else
                        {
                            RestoreQuietly(previous, path);
                        }
                    }

                    throw;
                }

                placed.Add((path, previous));
            }
        }
        catch
        {
            for (var i = placed.Count - 1; i >= 0; i--)
            {
                var (path, previous) = placed[i];
                if (previous is null)
                {
                    DeleteQuietly(path);
                }
                else
                {
                    MoveIntoPlace(previous, path);
                }
            }

            throw;
        }

        foreach (var (_, previous) in placed)
        {
            if (previous is not null)
            {
                DeleteQuietly(previous);
            }
        }
    }

    private static void MoveIntoPlace(string temporary, string path)
    {
#if NET8_0_OR_GREATER
        File.Move(temporary, path, overwrite: true);
#else
        // In one step, as File.Move with overwrite does: deleted first, the file would be gone should the move fail.
        if (File.Exists(path))
        {
            File.Replace(temporary, path, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, path);
        }
#endif
    }

    private static void RestoreQuietly(string previous, string path)
    {
        try
        {
            File.Move(previous, path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The run's own failure is what the caller needs to hear of; the copy stays, as {file}.previous.
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The run's own failure is what the caller needs to hear of; a file that cannot go is overwritten next time.
        }
    }
}
