using Npgsql;

namespace Orleans.Counters.Bench.Baselines;

/// <summary>
/// The way the Spring event-counter service we replace (seed 001) stored events: one <c>INSERT</c> per
/// event into an event table (uuid, type, ip, url, datetime, plus the account), each its own autocommitted
/// statement, from several connections at once. Its 5-minute summary job is not run: this is the cost of ingestion alone.
/// </summary>
public static class PostgresInsertBaseline
{
    private const string Table = "spring_counter_event";

    /// <summary>Inserts the events and checks the table holds them all.</summary>
    public static async Task<ThroughputOutcome> RunAsync(string connectionString, IReadOnlyList<BenchEvent> events, BenchProfile profile, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using (var create = source.CreateCommand(
            $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (uuid uuid PRIMARY KEY, account text NOT NULL, type text NOT NULL, ip text, url text, datetime timestamptz NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < profile.PostgresConnections; i++)
            {
                connections.Add(await source.OpenConnectionAsync(cancellationToken));
            }

            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(connections.Select(c => InsertAsync(c, events, () => Interlocked.Increment(ref next), cancellationToken)));
            var elapsed = clock.Elapsed;

            await using var count = source.CreateCommand($"SELECT count(*) FROM {Table}");
            var stored = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            if (stored != events.Count)
            {
                throw new InvalidOperationException($"{Table} holds {stored} rows, but {events.Count} events were inserted");
            }

            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{events.Count:N0} single-row INSERTs (prepared, autocommit), {profile.PostgresConnections} connections; {elapsed.TotalSeconds:0.00} s");
            return new ThroughputOutcome(events.Count, elapsed, detail);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<BenchEvent> events, Func<int> nextIndex, CancellationToken cancellationToken)
    {
        var uuid = new NpgsqlParameter<Guid>();
        var account = new NpgsqlParameter<string>();
        var type = new NpgsqlParameter<string>();
        var ip = new NpgsqlParameter<string> { TypedValue = "127.0.0.1" };
        var url = new NpgsqlParameter<string>();
        var datetime = new NpgsqlParameter<DateTime>();
        await using var insert = new NpgsqlCommand($"INSERT INTO {Table} (uuid, account, type, ip, url, datetime) VALUES ($1, $2, $3, $4, $5, $6)", connection)
        {
            Parameters = { uuid, account, type, ip, url, datetime },
        };
        await insert.PrepareAsync(cancellationToken);

        int index;
        while ((index = nextIndex()) < events.Count)
        {
            var e = events[index];
            uuid.TypedValue = Guid.NewGuid();
            account.TypedValue = e.Account;
            type.TypedValue = e.Type;
            url.TypedValue = e.Url;
            datetime.TypedValue = e.Timestamp;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
