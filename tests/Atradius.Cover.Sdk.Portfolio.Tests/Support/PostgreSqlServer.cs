using System.Diagnostics;
using Npgsql;

[assembly: AssemblyFixture(typeof(Atradius.Cover.Sdk.Portfolio.Tests.Support.PostgreSqlServer))]

namespace Atradius.Cover.Sdk.Portfolio.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: the one ATRADIUS_TEST_POSTGRES names (CI starts one with .ci/postgres.sh),
/// else a throw-away cluster started the same way when PostgreSQL is installed. Without either, the tests are
/// skipped, except under CI=true, where a missing server fails them. Each test gets a database of its own.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private const string Variable = "ATRADIUS_TEST_POSTGRES";
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? connectionString;
    private string? ownClusterFolder;
    private string? unavailable;

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = await ConnectionStringAsync();
        var name = "atradius_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what still uses it.</summary>
    public async Task DropDatabaseAsync(string databaseConnectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(databaseConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (ownClusterFolder is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await RunAsync("bash", [Path.Combine(RepositoryRoot.Path, ".ci", "postgres.sh"), "stop", ownClusterFolder]);
        }

        gate.Dispose();
    }

    private async Task<string> ConnectionStringAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (connectionString is null && unavailable is null)
            {
                connectionString = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
                    ? configured
                    : await StartOwnClusterAsync();
            }
        }
        finally
        {
            gate.Release();
        }

        if (connectionString is not null)
        {
            return connectionString;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI needs a PostgreSQL server for these tests: {unavailable} Source .ci/postgres.sh before running them.");
        }

        Assert.Skip($"No PostgreSQL server: {unavailable} Set {Variable} to an Npgsql connection string, or install PostgreSQL.");
        return string.Empty;
    }

    private async Task<string?> StartOwnClusterAsync()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            && Directory.GetDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "pg_ctl")));
        if (!installed)
        {
            unavailable = $"{Variable} is not set and PostgreSQL is not installed under /usr/lib/postgresql.";
            return null;
        }

        var script = Path.Combine(RepositoryRoot.Path, ".ci", "postgres.sh");
        var output = await RunAsync("bash", ["-c", $"source '{script}' >&2 && printf '%s\\n%s\\n' \"$ATRADIUS_TEST_POSTGRES\" \"$ATRADIUS_TEST_POSTGRES_DIR\""]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 2)
        {
            unavailable = "starting a throw-away cluster with .ci/postgres.sh failed.";
            return null;
        }

        ownClusterFolder = lines[1];
        return lines[0];
    }

    private static async Task<string> RunAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed: {await error}");
    }
}
