using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Atradius.Cover.Samples.BatchFromCsv;
using Atradius.Cover.Sdk.Portfolio;
using Atradius.Cover.Sdk.Sandbox.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Atradius.Cover.Sdk.Samples.Tests.PortfolioSamples;

public sealed partial class BatchFromCsvTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("batch-from-csv-").FullName;

    [Fact]
    public async Task Submits_the_csv_with_a_progress_bar_writes_the_outcomes_and_a_rerun_sends_nothing_again()
    {
        var input = await WriteCsvAsync("applications.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,30000,EUR,ERP-1002
            200417,5012345,10042317,credit-limit,50000.00,eur, ERP-1001
            """);
        var outputFolder = Path.Combine(folder, "out");
        using var output = new StringWriter();

        var exitCode = await BatchFromCsvProgram.RunAsync([input, outputFolder], output, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Read 3 applications", text, StringComparison.Ordinal);
        Assert.Contains("] 2/2", text, StringComparison.Ordinal);
        Assert.Contains("Sent 2: decided 2.", text, StringComparison.Ordinal);
        var outcomes = await File.ReadAllLinesAsync(Path.Combine(outputFolder, "outcomes.csv"), TestContext.Current.CancellationToken);
        Assert.Equal("BuyerId,CustomerReference,Outcome,CoverId,Recovered,Error", outcomes[0]);
        Assert.Equal(3, outcomes.Length);
        Assert.StartsWith("10042317,ERP-1001,Decided,", outcomes[1], StringComparison.Ordinal);
        Assert.StartsWith("10042320,ERP-1002,Decided,", outcomes[2], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outputFolder, "portfolio-report.csv")));

        // The batch record in the output folder's batch.db says both are done: nothing is sent again.
        using var rerunOutput = new StringWriter();
        Assert.Equal(0, await BatchFromCsvProgram.RunAsync([input, outputFolder], rerunOutput, TestContext.Current.CancellationToken));
        Assert.Contains("Sent 0: decided 2.", rerunOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(outcomes, await File.ReadAllLinesAsync(Path.Combine(outputFolder, "outcomes.csv"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_later_file_of_the_same_name_with_other_lines_is_a_new_batch_that_sends_a_line_an_earlier_file_finished()
    {
        // Before, the batch was named after the file alone: next month's applications.csv resumed this month's batch,
        // and its line identical to a finished one was reported with the old cover and never sent. It is sent, and the
        // service's "already exists" fails it, naming the cover: this batch made nothing for it.
        var outputFolder = Path.Combine(folder, "out");
        var input = await WriteCsvAsync("applications.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            """);
        using var first = new StringWriter();
        Assert.Equal(0, await BatchFromCsvProgram.RunAsync([input, outputFolder], first, TestContext.Current.CancellationToken));
        var firstBatch = CsvBatchId.For(input, await ApplicationCsv.ReadAsync(input, TestContext.Current.CancellationToken));
        Assert.Contains($"Batch '{firstBatch}': new.", first.ToString(), StringComparison.Ordinal);

        await WriteCsvAsync("applications.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,30000,EUR,ERP-1002
            """);
        using var later = new StringWriter();
        Assert.Equal(0, await BatchFromCsvProgram.RunAsync([input, outputFolder], later, TestContext.Current.CancellationToken));

        var text = later.ToString();
        var laterBatch = CsvBatchId.For(input, await ApplicationCsv.ReadAsync(input, TestContext.Current.CancellationToken));
        Assert.NotEqual(firstBatch, laterBatch);
        Assert.Contains($"Batch '{laterBatch}': new.", text, StringComparison.Ordinal);
        Assert.Contains("Sent 2: decided 1, failed 1.", text, StringComparison.Ordinal);
        var outcomes = await File.ReadAllTextAsync(Path.Combine(outputFolder, "outcomes.csv"), TestContext.Current.CancellationToken);
        Assert.Contains("already existing", outcomes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_file_written_again_in_another_order_and_format_resumes_its_batch_and_says_so()
    {
        var outputFolder = Path.Combine(folder, "out");
        var input = await WriteCsvAsync("applications.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,30000,EUR,ERP-1002
            """);
        using var first = new StringWriter();
        Assert.Equal(0, await BatchFromCsvProgram.RunAsync([input, outputFolder], first, TestContext.Current.CancellationToken));

        await WriteCsvAsync("applications.csv", """
            200417,5012345,10042320,credit-limit,"30,000.00",eur,ERP-1002
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            """);
        using var rerun = new StringWriter();
        Assert.Equal(0, await BatchFromCsvProgram.RunAsync([input, outputFolder], rerun, TestContext.Current.CancellationToken));

        var text = rerun.ToString();
        Assert.Contains("': resumes an earlier run (2 item(s) recorded, 0 unfinished).", text, StringComparison.Ordinal);
        Assert.Contains("Sent 0: decided 2.", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// An output folder where a run of applications.csv (one line) was killed with its item recorded, before it was sent
    /// or after (in flight), and the file.
    /// </summary>
    private async Task<(string OutputFolder, string Input, string KilledBatch)> KilledRunOfApplicationsCsvAsync(bool sentBeforeTheKill)
    {
        var ct = TestContext.Current.CancellationToken;
        var outputFolder = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
        var input = await WriteCsvAsync("applications.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            """);
        var killed = await ApplicationCsv.ReadAsync(input, ct);
        var killedBatch = CsvBatchId.For(input, killed);
        var key = CoverBatchRunner.ItemKey(killed[0]);
        using (var store = new SqliteCoverPortfolioStore(Path.Combine(outputFolder, "batch.db")))
        {
            await store.AddBatchItemsAsync(killedBatch, [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
            if (sentBeforeTheKill)
            {
                await store.TryTransitionBatchItemAsync(killedBatch, key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct);
            }
        }

        await new StartedBatches(outputFolder).AddAsync(killedBatch, ct);
        return (outputFolder, input, killedBatch);
    }

    [Fact]
    public async Task The_same_file_under_another_name_is_refused_while_its_earlier_batch_is_unfinished()
    {
        // Given as Applications.csv (another case, or a renamed copy), the same content got another batch id, and the
        // item the killed run left in flight was sent again: a second application.
        var (outputFolder, input, killedBatch) = await KilledRunOfApplicationsCsvAsync(sentBeforeTheKill: true);
        var renamed = Path.Combine(Path.GetDirectoryName(input)!, "Applications-copy.csv");
        File.Copy(input, renamed);

        using var refused = new StringWriter();
        Assert.Equal(2, await BatchFromCsvProgram.RunAsync([renamed, outputFolder], refused, TestContext.Current.CancellationToken));
        Assert.Contains($"Batch '{killedBatch}', started earlier in this folder, has 1 unfinished item(s)", refused.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outputFolder, "outcomes.csv")));
    }

    [Fact]
    public async Task A_file_of_the_same_name_as_an_unfinished_batch_is_refused_until_a_batch_id_says_which_batch_to_run()
    {
        // An earlier run of applications.csv was killed with an item recorded and not finished: it may have reached the
        // service. An edited file of the same name must not start a second batch beside it and send that item again.
        var (outputFolder, input, killedBatch) = await KilledRunOfApplicationsCsvAsync(sentBeforeTheKill: false);
        await WriteCsvAsync("applications.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,30000,EUR,ERP-1002
            """);

        using var refused = new StringWriter();
        Assert.Equal(2, await BatchFromCsvProgram.RunAsync([input, outputFolder], refused, TestContext.Current.CancellationToken));
        Assert.Contains($"Batch '{killedBatch}', started earlier in this folder, has 1 unfinished item(s)", refused.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outputFolder, "outcomes.csv")));

        using var resumed = new StringWriter();
        Assert.Equal(0, await BatchFromCsvProgram.RunAsync([input, outputFolder, killedBatch], resumed, TestContext.Current.CancellationToken));
        Assert.Contains($"Batch '{killedBatch}': resumes an earlier run (1 item(s) recorded, 1 unfinished).", resumed.ToString(), StringComparison.Ordinal);
        Assert.Contains("Sent 2: decided 2.", resumed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_killed_half_way_and_run_again_leaves_each_application_once_at_the_sandbox_under_the_cover_id_it_reports()
    {
        // Before, every run started a new sandbox: the run after the kill looked for the items left in flight among none
        // of the killed run's covers and sent them again, and reported items done with cover ids its sandbox never made.
        var buyers = await FreeBuyersAsync(200);
        var input = await WriteCsvAsync("applications.csv", string.Join('\n', buyers.Select((buyer, i) =>
            string.Create(CultureInfo.InvariantCulture, $"200417,5012345,{buyer},credit-limit,{10_000 + (1_000 * i)},EUR,KILL-{i:000}"))));
        var outputFolder = Path.Combine(folder, "out");
        var statePath = Path.Combine(outputFolder, "sandbox-state.json");

        await RunAndKillAsync(input, outputFolder, finished: 10);
        Assert.True(File.Exists(statePath), "The killed run left no sandbox state beside its batch record.");
        await ExpireBatchHoldAsync(input, outputFolder);

        using var rerun = new StringWriter();
        var exitCode = await BatchFromCsvProgram.RunAsync([input, outputFolder], rerun, TestContext.Current.CancellationToken);

        var text = rerun.ToString();
        Assert.True(exitCode == 0, text);
        var resumed = Resumed().Match(text);
        Assert.True(resumed.Success, text);
        Assert.Contains($"Sandbox: continues from its state in {statePath}.", text, StringComparison.Ordinal);
        Assert.True(int.Parse(resumed.Groups["unfinished"].Value, CultureInfo.InvariantCulture) > 0, "The killed run had finished the batch: " + text);

        // The service's own state, as the sample kept it: each application there exactly once, under the cover id the
        // outcomes report for it.
        var outcomes = (await File.ReadAllLinesAsync(Path.Combine(outputFolder, "outcomes.csv"), TestContext.Current.CancellationToken))
            .Skip(1).Select(line => line.Split(',')).ToDictionary(fields => fields[1]);
        Assert.Equal(buyers.Count, outcomes.Count);
        var copy = Path.Combine(folder, "state-checked.json");
        File.Copy(statePath, copy);
        await using var service = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = copy }, TestContext.Current.CancellationToken);
        var covers = service.GetCovers();
        for (var i = 0; i < buyers.Count; i++)
        {
            var reference = string.Create(CultureInfo.InvariantCulture, $"KILL-{i:000}");
            var made = covers.Where(c => c.CustomerRefNumber == reference).Select(c => c.CoverId).Distinct().ToList();
            Assert.True(made.Count == 1, $"{reference}: {made.Count} cover(s) at the service ({string.Join(", ", made)}).");
            var outcome = outcomes[reference];
            Assert.Equal(buyers[i].ToString(CultureInfo.InvariantCulture), outcome[0]);
            Assert.True(outcome[2] is "Decided" or "Referred", string.Join(',', outcome));
            Assert.Equal(made[0].ToString(CultureInfo.InvariantCulture), outcome[3]);
            Assert.Equal(buyers[i], covers.Single(c => c.CoverId == made[0] && c.IsCurrent).BuyerId);
        }
    }

    [Fact]
    public async Task A_bad_amount_is_refused_naming_its_line_and_empty_cells_are_values_not_given()
    {
        var bad = await WriteCsvAsync("bad.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,50.000,00,EUR,ERP-1002
            """);
        var wrongCount = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(bad, TestContext.Current.CancellationToken));
        Assert.Contains("line 3", wrongCount.Message, StringComparison.Ordinal);

        await WriteCsvAsync("bad.csv", """
            200417,5012345,10042320,credit-limit,fifty,EUR,ERP-1002
            """);
        var notAnAmount = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(bad, TestContext.Current.CancellationToken));
        Assert.Contains("line 2: Amount 'fifty'", notAnAmount.Message, StringComparison.Ordinal);

        var good = await WriteCsvAsync("credit-check.csv", """
            200417,,10042320,credit-check,,,
            """);
        var application = Assert.Single(await ApplicationCsv.ReadAsync(good, TestContext.Current.CancellationToken));
        Assert.Null(application.PolicyId);
        Assert.Null(application.CreditLimitAmount);
        Assert.Null(application.CurrencyCode);
        Assert.Null(application.CustomerReference);
    }

    [Fact]
    public async Task A_file_with_a_refused_line_ends_the_sample_with_the_line_named_and_nothing_sent()
    {
        // Before, the sample ended with an unhandled exception and its stack trace.
        var bad = await WriteCsvAsync("refused.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,fifty,EUR,ERP-1002
            """);
        var output = new StringWriter();

        var exitCode = await BatchFromCsvProgram.RunAsync([bad, Path.Combine(folder, "refused-output")], output, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("line 3: Amount 'fifty'", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "refused-output", "batch.db")));
    }

    [Fact]
    public async Task A_folder_whose_sandbox_state_is_gone_but_whose_batch_record_is_kept_is_refused_with_nothing_sent()
    {
        // A new sandbox holds none of the covers the recorded batch made: resumed against it, the batch's unfinished
        // items would be sent again and its finished ones would point at covers that do not exist.
        var input = await WriteCsvAsync("applications.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            """);
        var outputFolder = Path.Combine(folder, "out");
        using (var first = new StringWriter())
        {
            Assert.True(await BatchFromCsvProgram.RunAsync([input, outputFolder], first, TestContext.Current.CancellationToken) == 0, first.ToString());
        }

        File.Delete(Path.Combine(outputFolder, SandboxStateFile.FileName));
        var other = await WriteCsvAsync("other.csv", """
            200417,5012345,10042320,credit-limit,30000,EUR,ERP-1002
            """);
        using var output = new StringWriter();

        var exitCode = await BatchFromCsvProgram.RunAsync([other, outputFolder], output, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.Equal(2, exitCode);
        Assert.Contains("nothing was sent", text, StringComparison.Ordinal);
        Assert.Contains(SandboxStateFile.FileName, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sandbox:", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outputFolder, SandboxStateFile.FileName)));
    }

    [Fact]
    public async Task A_file_holding_only_its_header_line_is_refused_with_nothing_sent()
    {
        // Before, the sample reported "Sent 0: ." and ended with exit code 0, as if the batch had been taken.
        var empty = await WriteCsvAsync("empty.csv", string.Empty);
        var outputFolder = Path.Combine(folder, "empty-output");
        using var output = new StringWriter();

        var exitCode = await BatchFromCsvProgram.RunAsync([empty, outputFolder], output, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{empty} holds no applications, only its header line; nothing was sent.", output.ToString().TrimEnd());
        Assert.False(File.Exists(Path.Combine(outputFolder, "batch.db")));
        Assert.False(File.Exists(Path.Combine(outputFolder, "outcomes.csv")));
    }

    [Fact]
    public async Task A_second_run_on_an_output_folder_another_run_is_using_is_refused_saying_so_with_nothing_sent()
    {
        var input = await WriteCsvAsync("one.csv", "200417,5012345,10042317,credit-limit,50000,EUR,ERP-1\n");
        var outputFolder = Directory.CreateDirectory(Path.Combine(folder, "busy")).FullName;

        // The first run's sandbox holds its state in the folder for as long as it runs.
        await using (var first = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = Path.Combine(outputFolder, SandboxStateFile.FileName) }, TestContext.Current.CancellationToken))
        {
            using var output = new StringWriter();

            var exitCode = await BatchFromCsvProgram.RunAsync([input, outputFolder], output, TestContext.Current.CancellationToken);

            Assert.Equal(3, exitCode);
            Assert.Contains("Another run of this sample is using", output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Whatever was sent is recorded", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, first.Statistics.ApplicationsCreated);
        }
    }

    [Fact]
    public async Task An_output_folder_it_cannot_use_ends_the_sample_with_the_reason_and_exit_code_3_not_a_stack_trace()
    {
        var input = await WriteCsvAsync("one.csv", "200417,5012345,10042317,credit-limit,50000,EUR,ERP-1\n");
        var notAFolder = Path.Combine(folder, "a-file");
        await File.WriteAllTextAsync(notAFolder, "not a folder", TestContext.Current.CancellationToken);
        using var output = new StringWriter();

        var exitCode = await BatchFromCsvProgram.RunAsync([input, notAFolder], output, TestContext.Current.CancellationToken);

        Assert.Equal(3, exitCode);
        Assert.Contains("The batch could not go on: ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quoted_values_are_read_as_a_spreadsheet_wrote_them_without_their_quotes()
    {
        var input = await WriteCsvAsync("quoted.csv", """
            "200417","5012345","10042317","credit-limit","50,000.00","EUR","ERP ""A"", 1001"
            200417,5012345,10042320,credit-limit,"250,000",EUR,ERP-1002
            """);

        var applications = await ApplicationCsv.ReadAsync(input, TestContext.Current.CancellationToken);

        Assert.Equal(2, applications.Count);
        Assert.Equal("5012345", applications[0].PolicyId);
        Assert.Equal(CoverType.CreditLimit, applications[0].CoverType);
        Assert.Equal(50000m, applications[0].CreditLimitAmount);
        Assert.Equal("EUR", applications[0].CurrencyCode);
        Assert.Equal("ERP \"A\", 1001", applications[0].CustomerReference);
        Assert.Equal(250000m, applications[1].CreditLimitAmount);
        Assert.Equal("ERP-1002", applications[1].CustomerReference);
    }

    [Fact]
    public async Task A_file_a_spreadsheet_saved_with_semicolons_rows_of_empty_cells_and_blanks_inside_quotes_is_read_as_meant()
    {
        // Before, the semicolon file was refused for its header, and a row of empty cells or " 50,000.00 " for its values.
        var input = Path.Combine(folder, "semicolons.csv");
        await File.WriteAllTextAsync(input, """
            CustomerId;PolicyId;BuyerId;CoverType;Amount;Currency;CustomerReference
            200417;5012345;10042317;credit-limit;" 50,000.00 ";EUR;"ERP; 1001"
            ;;;;;;
            200417;5012345;10042320;credit-check;;;
            ;;;;;;
            """, TestContext.Current.CancellationToken);

        var applications = await ApplicationCsv.ReadAsync(input, TestContext.Current.CancellationToken);

        Assert.Equal(2, applications.Count);
        Assert.Equal((10042317L, 50000m, "ERP; 1001"), (applications[0].BuyerId, applications[0].CreditLimitAmount!.Value, applications[0].CustomerReference!));
        Assert.Equal((10042320L, CoverType.CreditCheck, (decimal?)null), (applications[1].BuyerId, applications[1].CoverType, applications[1].CreditLimitAmount));

        var commas = await WriteCsvAsync("empty-rows.csv", """
            200417,5012345,10042317,credit-limit,"50000 ",EUR,ERP-1001
            ,,,,,,
            """);
        Assert.Equal(50000m, Assert.Single(await ApplicationCsv.ReadAsync(commas, TestContext.Current.CancellationToken)).CreditLimitAmount);

        // A semicolon in a comma file is a character of its value, not a separator.
        var mixed = await WriteCsvAsync("mixed.csv", """
            200417;5012345;10042317;credit-limit;50000;EUR;ERP-1001
            """);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(mixed, TestContext.Current.CancellationToken));
        Assert.Contains("line 2: 7 values expected, 1 found", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50.000")]
    [InlineData("\"250.000\"")]
    [InlineData("1.000.000")]
    public async Task A_thousands_dot_in_a_semicolon_file_is_refused_naming_its_line_with_nothing_sent_rather_than_read_as_another_amount(string amount)
    {
        // A spreadsheet set to German, which saves its CSV with semicolons, writes fifty thousand as 50.000. Before, that
        // was read as 50 and refused by the service at send time, with the other lines sent: the batch half done.
        var input = Path.Combine(folder, "semicolons.csv");
        await File.WriteAllTextAsync(input, "CustomerId;PolicyId;BuyerId;CoverType;Amount;Currency;CustomerReference\n"
            + "200417;5012345;10042317;credit-limit;30000;EUR;ERP-1001\n"
            + "200417;5012345;10042320;credit-limit;" + amount + ";EUR;ERP-1002\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(input, TestContext.Current.CancellationToken));
        Assert.Contains("line 3: Amount '" + amount.Trim('"') + "' looks like it groups thousands with a full stop", error.Message, StringComparison.Ordinal);
        Assert.Contains("without separators", error.Message, StringComparison.Ordinal);

        using var output = new StringWriter();
        var exitCode = await BatchFromCsvProgram.RunAsync([input, Path.Combine(folder, "refused-output")], output, TestContext.Current.CancellationToken);
        Assert.Equal(2, exitCode);
        Assert.Contains("line 3: Amount", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "refused-output", "batch.db")));

        // A full stop for decimals stays one, and in a comma file 50.000 is fifty as before.
        await File.WriteAllTextAsync(input, "CustomerId;PolicyId;BuyerId;CoverType;Amount;Currency;CustomerReference\n"
            + "200417;5012345;10042317;credit-limit;50000.00;EUR;ERP-1001\n"
            + "200417;5012345;10042320;credit-limit;50,000.00;EUR;ERP-1002\n", TestContext.Current.CancellationToken);
        Assert.Equal([50000m, 50000m], (await ApplicationCsv.ReadAsync(input, TestContext.Current.CancellationToken)).Select(a => a.CreditLimitAmount!.Value));
        var commas = await WriteCsvAsync("commas.csv", "200417,5012345,10042317,credit-limit,50.000,EUR,ERP-1001\n");
        Assert.Equal(50m, Assert.Single(await ApplicationCsv.ReadAsync(commas, TestContext.Current.CancellationToken)).CreditLimitAmount);
    }

    [Fact]
    public async Task A_decimal_comma_or_an_unclosed_quote_is_refused_naming_its_line_rather_than_read_as_another_amount()
    {
        var decimalComma = await WriteCsvAsync("decimal-comma.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,"50000,00",EUR,ERP-1002
            """);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(decimalComma, TestContext.Current.CancellationToken));
        Assert.Contains("line 3: Amount '50000,00'", error.Message, StringComparison.Ordinal);

        var unclosed = await WriteCsvAsync("unclosed.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,"ERP-1001
            """);
        error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(unclosed, TestContext.Current.CancellationToken));
        Assert.Contains("line 2:", error.Message, StringComparison.Ordinal);

        // Opened on line 2 of a longer file: before, the line named was the file's end, and the message held the rest of
        // the file.
        var unclosedEarly = await WriteCsvAsync("unclosed-early.csv", "200417,5012345,10042317,credit-limit,50000,EUR,\"ERP-1001\n"
            + string.Concat(Enumerable.Range(0, 200).Select(i => $"200417,5012345,10042320,credit-limit,30000,EUR,ERP-{i}\n")));
        error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(unclosedEarly, TestContext.Current.CancellationToken));
        Assert.EndsWith("line 2: a quoted value is not closed.", error.Message, StringComparison.Ordinal);
        await File.WriteAllTextAsync(unclosedEarly, (await File.ReadAllTextAsync(unclosedEarly, TestContext.Current.CancellationToken)).TrimEnd('\n'), TestContext.Current.CancellationToken);
        error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(unclosedEarly, TestContext.Current.CancellationToken));
        Assert.EndsWith("line 2: a quoted value is not closed.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_saved_in_a_legacy_code_page_is_refused_naming_its_line_rather_than_sent_with_replacement_characters()
    {
        var path = Path.Combine(folder, "latin1.csv");
        await File.WriteAllBytesAsync(path, System.Text.Encoding.Latin1.GetBytes("""
            CustomerId,PolicyId,BuyerId,CoverType,Amount,Currency,CustomerReference
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,credit-limit,50000,EUR,Müller-1002
            """), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("line 3: the text is not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buyer_id_of_zero_is_refused_naming_its_line_rather_than_the_applications_place()
    {
        var bad = await WriteCsvAsync("no-buyer.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001

            200417,5012345,0,credit-limit,50000,EUR,ERP-1002
            """);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(bad, TestContext.Current.CancellationToken));

        Assert.Contains("line 4: BuyerId '0'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_cover_type_is_refused_naming_its_line_and_column()
    {
        var bad = await WriteCsvAsync("no-type.csv", """
            200417,5012345,10042317,credit-limit,50000,EUR,ERP-1001
            200417,5012345,10042320,,50000,EUR,ERP-1002
            """);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ApplicationCsv.ReadAsync(bad, TestContext.Current.CancellationToken));

        Assert.Contains("line 3: CoverType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_left_unresolved_is_settled_by_hand_as_made_or_not_made_and_the_next_run_finishes_without_sending_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var buyers = await FreeBuyersAsync(2);
        var outputFolder = Path.Combine(folder, "out");
        var first = await WriteCsvAsync("first.csv", $"200417,5012345,{buyers[0]},credit-limit,20000,EUR,ERP-1\n");
        using (var firstOutput = new StringWriter())
        {
            Assert.True(await BatchFromCsvProgram.RunAsync([first, outputFolder], firstOutput, ct) == 0, firstOutput.ToString());
        }

        var firstCover = (await File.ReadAllLinesAsync(Path.Combine(outputFolder, "outcomes.csv"), ct))[1].Split(',')[3];

        // Files whose one item a run sent and got no answer for. The second's application reached the service (made
        // here beside the sample, as the lost attempt made it); the third's made nothing; the fourth's is the first
        // file's line under another name, whose cover the first batch holds.
        var second = await WriteCsvAsync("second.csv", $"200417,5012345,{buyers[1]},credit-limit,20000,EUR,ERP-2\n");
        var third = await WriteCsvAsync("third.csv", $"200417,5012345,{buyers[0]},credit-limit,20000,EUR,ERP-3\n");
        var fourth = await WriteCsvAsync("fourth.csv", $"200417,5012345,{buyers[0]},credit-limit,20000,EUR,ERP-1\n");
        var secondCover = (await MadeBesideTheSampleAsync(outputFolder, (await ApplicationCsv.ReadAsync(second, ct))[0])).ToString(CultureInfo.InvariantCulture);
        foreach (var file in new[] { second, third, fourth })
        {
            await LeaveUnresolvedAsync(file, outputFolder);
        }

        using var settling = new StringWriter();
        Assert.Equal(2, await BatchFromCsvProgram.RunAsync(["settle", second, outputFolder, "3", "made", secondCover], settling, ct));
        Assert.Contains("Line 3 of", settling.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await BatchFromCsvProgram.RunAsync(["settle", second, outputFolder, "2", "made", firstCover], settling, ct));
        Assert.Contains("is not among the covers of buyer", settling.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await BatchFromCsvProgram.RunAsync(["settle", third, outputFolder, "2", "made", firstCover], settling, ct));
        Assert.Contains($"cover {firstCover} is not this line's application", settling.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await BatchFromCsvProgram.RunAsync(["settle", fourth, outputFolder, "2", "made", firstCover], settling, ct));
        Assert.Contains($"cover {firstCover} is recorded for an item of batch 'first-", settling.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await BatchFromCsvProgram.RunAsync(["settle", first, outputFolder, "2", "not-made", "wrong line"], settling, ct));
        Assert.Contains("is not unresolved (done with cover", settling.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", settling.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await BatchFromCsvProgram.RunAsync(["settle", second, outputFolder, "2", "perhaps"], settling, ct));
        Assert.Contains("Usage: settle", settling.ToString(), StringComparison.Ordinal);

        Assert.True(await BatchFromCsvProgram.RunAsync(["settle", second, outputFolder, "2", "made", secondCover], settling, ct) == 0, settling.ToString());
        Assert.True(await BatchFromCsvProgram.RunAsync(["settle", third, outputFolder, "2", "not-made", "Atradius has no such application"], settling, ct) == 0, settling.ToString());
        Assert.Contains($"settled as made, cover {secondCover}", settling.ToString(), StringComparison.Ordinal);
        Assert.Contains("settled as not made (Atradius has no such application)", settling.ToString(), StringComparison.Ordinal);

        using var secondRun = new StringWriter();
        // The fourth file's batch is still unfinished: each run names its own batch to go on beside it.
        Assert.True(await BatchFromCsvProgram.RunAsync([second, outputFolder, BatchOf(second)], secondRun, ct) == 0, secondRun.ToString());
        Assert.Contains("Sent 0: ", secondRun.ToString(), StringComparison.Ordinal);
        Assert.Matches($"^{buyers[1]},ERP-2,(Decided|Referred),{secondCover},yes,", (await File.ReadAllLinesAsync(Path.Combine(outputFolder, "outcomes.csv"), ct))[1]);
        using var thirdRun = new StringWriter();
        Assert.True(await BatchFromCsvProgram.RunAsync([third, outputFolder, BatchOf(third)], thirdRun, ct) == 0, thirdRun.ToString());
        Assert.Contains("Sent 0: failed 1.", thirdRun.ToString(), StringComparison.Ordinal);
        Assert.Contains("Atradius has no such application", (await File.ReadAllLinesAsync(Path.Combine(outputFolder, "outcomes.csv"), ct))[1], StringComparison.Ordinal);
    }

    private static string BatchOf(string input) =>
        CsvBatchId.For(input, ApplicationCsv.ReadAsync(input, TestContext.Current.CancellationToken).GetAwaiter().GetResult());

    // The application made at the sandbox the output folder keeps the state of, as an attempt whose answer was lost made it.
    private static async Task<long> MadeBesideTheSampleAsync(string outputFolder, CoverApplication application)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await CoverSandbox.StartAsync(new CoverSandboxOptions { StatePath = Path.Combine(outputFolder, SandboxStateFile.FileName) }, ct);
        var services = new ServiceCollection();
        services.AddAtradiusCover(new ConfigurationBuilder().AddInMemoryCollection(sandbox.ClientSettings()).Build());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<CoverClient>();
        var made = await client.Applications.SubmitAsync(application, cancellationToken: ct);
        return made.CoverId!.Value;
    }

    // The file's one item recorded as a run leaves it when its application went out and no answer came back.
    private static async Task LeaveUnresolvedAsync(string input, string outputFolder)
    {
        var ct = TestContext.Current.CancellationToken;
        var applications = await ApplicationCsv.ReadAsync(input, ct);
        var batchId = CsvBatchId.For(input, applications);
        var key = CoverBatchRunner.ItemKey(applications[0]);
        using var store = new SqliteCoverPortfolioStore(Path.Combine(outputFolder, "batch.db"));
        await store.AddBatchItemsAsync(batchId, [new NewBatchItem { ItemKey = key, ItemIndex = 0 }], ct);
        Assert.NotNull(await store.TryTransitionBatchItemAsync(batchId, key, BatchItemState.Pending, new BatchItemTransition { State = BatchItemState.InFlight }, ct));
        Assert.NotNull(await store.TryTransitionBatchItemAsync(batchId, key, BatchItemState.InFlight, new BatchItemTransition { State = BatchItemState.Ambiguous }, ct));
        await new StartedBatches(outputFolder).AddAsync(batchId, ct);
    }

    // Buyers of the sample's sandbox world on which customer 200417 holds no cover, so an application on each is new.
    private static async Task<List<long>> FreeBuyersAsync(int count)
    {
        await using var sandbox = await CoverSandbox.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var taken = sandbox.GetCovers().Select(c => c.BuyerId).ToHashSet();
        var free = sandbox.World.Buyers.Select(b => b.BuyerId).Where(b => !taken.Contains(b)).Take(count).ToList();
        Assert.Equal(count, free.Count);
        return free;
    }

    // The sample as a process of its own (built beside the tests by the project reference), killed once its progress bar
    // shows this many items finished: nothing of it runs after that, no dispose, no final save. Its output is read and
    // the kill sent from a thread of the test's own: read through the thread pool, the output reached the test only once
    // the run (a few hundred items a second) had finished.
    private static async Task RunAndKillAsync(string input, string outputFolder, int finished)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "BatchFromCsv.dll"), input, outputFolder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = new Thread(() =>
        {
            var seen = new StringBuilder();
            try
            {
                var buffer = new char[1024];
                int read;
                while ((read = process.StandardOutput.Read(buffer, 0, buffer.Length)) != 0)
                {
                    seen.Append(buffer, 0, read);
                    if (Progress().Matches(seen.ToString()) is { Count: > 0 } progress
                        && int.Parse(progress[^1].Groups["finished"].Value, CultureInfo.InvariantCulture) >= finished)
                    {
                        process.Kill();
                        break;
                    }
                }

                output.SetResult(seen.ToString());
            }
            catch (Exception error)
            {
                output.SetException(error);
            }
        })
        {
            IsBackground = true,
        };
        reader.Start();

        string seen;
        try
        {
            seen = await output.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.True(process.ExitCode != 0, "The sample finished before it was killed: " + seen);
    }

    // The killed run's hold on the batch lapses 30 seconds after its last renewal, and the next run waits for that; the
    // test makes it lapse now rather than wait.
    private static async Task ExpireBatchHoldAsync(string input, string outputFolder)
    {
        var batchId = CsvBatchId.For(input, await ApplicationCsv.ReadAsync(input, TestContext.Current.CancellationToken));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(outputFolder, "batch.db")}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var expire = connection.CreateCommand();
        expire.CommandText = "UPDATE leases SET expires_at = 0 WHERE resource = $resource";
        expire.Parameters.AddWithValue("$resource", CoverBatchRunner.LeaseResource(batchId));
        Assert.Equal(1, await expire.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex(@"\] (?<finished>\d+)/\d+ ")]
    private static partial Regex Progress();

    [GeneratedRegex(@"resumes an earlier run \(\d+ item\(s\) recorded, (?<unfinished>\d+) unfinished\)")]
    private static partial Regex Resumed();

    // The sample's columns, then the given rows.
    private async Task<string> WriteCsvAsync(string name, string rows)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, "CustomerId,PolicyId,BuyerId,CoverType,Amount,Currency,CustomerReference\n" + rows, TestContext.Current.CancellationToken);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
