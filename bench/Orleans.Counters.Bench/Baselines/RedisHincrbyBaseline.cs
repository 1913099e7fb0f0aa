using StackExchange.Redis;

namespace Orleans.Counters.Bench.Baselines;

/// <summary>
/// The way the Redis counter service we replace (seed 000) counted: 8 <c>HINCRBY</c> per event, sent from
/// StackExchange.Redis in pipelines of one batch (the same batch size and requests in flight as our batch
/// scenario). Redis applies a command before it answers, so an event is visible once its batch is answered. Like our scenario,
/// a warm-up load runs first. The server runs with or without persistence (<see cref="RedisPersistence"/>).
/// </summary>
public static class RedisHincrbyBaseline
{
    /// <summary>Counts the warm-up events, then the measured ones, checking that the <c>all</c> year hash adds up.</summary>
    public static async Task<ThroughputOutcome> RunAsync(
        RedisServer server, RedisPersistence persistence, IReadOnlyList<BenchEvent> warmup, IReadOnlyList<BenchEvent> events, BenchProfile profile, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        var database = connection.GetDatabase();
        await CountAsync(database, warmup, profile, cancellationToken);
        var elapsed = await CountAsync(database, events, profile, cancellationToken);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{events.Count:N0} events × 8 HINCRBY = {events.Count * 8L:N0} commands, pipelines of {profile.BatchSize:N0} events, " +
            $"{profile.BatchConcurrency} pipelines in flight on one connection, after {warmup.Count:N0} warm-up events; " +
            $"redis-server {persistence}; {elapsed.TotalSeconds:0.00} s");
        return new ThroughputOutcome(events.Count, elapsed, detail);
    }

    private static async Task<TimeSpan> CountAsync(IDatabase database, IReadOnlyList<BenchEvent> events, BenchProfile profile, CancellationToken cancellationToken)
    {
        var allYear = RedisCounterKeys.AllYear(events[0].Type, events[0].Timestamp.Year);
        var before = await YearTotalAsync(database, allYear);

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            events.Chunk(profile.BatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = profile.BatchConcurrency, CancellationToken = cancellationToken },
            async (batch, _) =>
            {
                var pipeline = database.CreateBatch();
                var replies = batch.SelectMany(RedisCounterKeys.For).Select(p => pipeline.HashIncrementAsync(p.Key, p.Field)).ToList();
                pipeline.Execute();
                await Task.WhenAll(replies);
            });
        var elapsed = clock.Elapsed;

        var counted = await YearTotalAsync(database, allYear) - before;
        if (counted != events.Count)
        {
            throw new InvalidOperationException($"Redis counts {counted} events in {allYear}, but {events.Count} were sent");
        }

        return elapsed;
    }

    private static async Task<long> YearTotalAsync(IDatabase database, string allYear) =>
        (await database.HashValuesAsync(allYear)).Sum(v => (long)v);
}
