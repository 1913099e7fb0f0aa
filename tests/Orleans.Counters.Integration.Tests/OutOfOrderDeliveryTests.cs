using System.Net.Http.Headers;
using Npgsql;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// A stream delivered out of order still counts exactly (docs/exactly-once.md, item 9). An hour drops a
/// message at or below the last position it applied, so a message that reaches its ingest grain after a
/// later one of its stream would be lost unless the grain notices. Here the queue itself hands later rows
/// out first: while the receiver cannot read, another transaction locks the earliest row, and the
/// receiver's read (SKIP LOCKED) leases the two later ones, which the pulling agent hands the ingest grain
/// together; once the lock goes, the earliest row comes. A
/// real silo process, gateway process and PostgreSQL; every period at every level is compared with the
/// events sent, and the queue must drain.
/// </summary>
public sealed class OutOfOrderDeliveryTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const string AdminKey = "integration-admin-key-0123456789abcdef";
    private const string Account = "out-of-order";

    [SkippableFact]
    public async Task AMessageDeliveredAfterALaterOneOfItsStreamIsStillCounted()
    {
        var connectionString = postgres.Require();
        await using var cluster = new CountersCluster(connectionString, "--Counters:Streams", "PostgreSql", "--Counters:Security:AdminKey", AdminKey);
        cluster.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        cluster.StartSilo();
        try
        {
            await cluster.StartGatewayAsync();
            var hour = DateTime.UtcNow.AddHours(-1);
            var truth = new GroundTruth();
            CountsVerifier.CountsReader read = cluster.Client.TrackAsync;

            // The stream is warm and its first message acknowledged.
            await PostAsync(cluster, truth, Event("first", hour));
            await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromSeconds(30));
            await Eventually.ReadAsync(() => PendingRowsAsync(connectionString), rows => rows.Count == 0, TimeSpan.FromSeconds(30));
            var queue = (int)(await Sql.CountAsync(connectionString, $"SELECT queue_id::bigint FROM counters_stream_head WHERE stream_key = '{Account}'"));

            // The receiver cannot read its queue while the owner row is locked: two messages, two rows.
            await using var owner = await BeginAsync(connectionString);
            await ExecuteAsync(owner.Connection, $"SELECT 1 FROM counters_stream_queue_owner WHERE queue_id = {queue} FOR UPDATE");
            await PostAsync(cluster, truth, Event("earliest", hour));
            await PostAsync(cluster, truth, Event("later", hour));
            await PostAsync(cluster, truth, Event("latest", hour));
            var rows = await PendingRowsAsync(connectionString);
            Assert.Equal(3, rows.Count);

            // The earliest row locked, the receiver reads again and leases the later ones only.
            await using var earlier = await BeginAsync(connectionString);
            await ExecuteAsync(earlier.Connection, $"SELECT 1 FROM counters_stream_message WHERE queue_id = {queue} AND seq = {rows[0]} FOR UPDATE");
            await owner.Transaction.RollbackAsync();
            var delivered = await Eventually.ReadAsync(
                () => Sql.CountAsync(connectionString, $"SELECT count(*) FROM counters_stream_message WHERE queue_id = {queue} AND seq IN ({rows[1]}, {rows[2]}) AND deliveries > 0"),
                n => n == 2,
                TimeSpan.FromSeconds(30));
            Assert.True(delivered == 2, $"rows {rows[1]} and {rows[2]} were not delivered while row {rows[0]} was locked");
            Assert.Equal(0, await Sql.CountAsync(connectionString, $"SELECT count(*) FROM counters_stream_message WHERE queue_id = {queue} AND seq = {rows[0]} AND deliveries > 0"));

            // Let the later messages be applied before the earliest row comes.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await earlier.Transaction.RollbackAsync();

            await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromSeconds(60));
            var pending = await Eventually.ReadAsync(() => PendingRowsAsync(connectionString), r => r.Count == 0, TimeSpan.FromSeconds(60));
            Assert.Empty(pending);
            var report = await CountsVerifier.VerifyAsync(truth, read);
            output.WriteLine(report.ToString());
            Assert.True(report.Mismatches.Count == 0, report.ToString());
            Assert.Equal(0, await Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_dead_letter"));
            Assert.Contains("arrived out of order", cluster.SiloLog(0));
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    private static CounterEvent Event(string id, DateTime at) =>
        new() { Account = Account, Type = "pageview", Url = "/page", Timestamp = at, Id = id };

    private static async Task PostAsync(CountersCluster cluster, GroundTruth truth, CounterEvent counted)
    {
        await cluster.Client.PostAsync([counted]);
        truth.Add([counted]);
    }

    /// <summary>The sequences of the rows that still hold a message of the account, in order.</summary>
    private static async Task<List<long>> PendingRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT seq FROM counters_stream_message WHERE '{Account}' = ANY (pending) ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<long>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }

    private static async Task<OpenTransaction> BeginAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new OpenTransaction(connection, await connection.BeginTransactionAsync());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A transaction that holds its locks until rolled back or disposed.</summary>
    private sealed record OpenTransaction(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
