using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// PostgreSQL mode as a user runs it: a silo process and a separate gateway process (an Orleans
/// client), both configured from silo-config/, against a real PostgreSQL, with the events stream in
/// memory or in the durable PostgreSQL queue. Counts survive a silo restart, and counting goes on
/// after it; the durable queue is drained by acknowledgements, with no dead letters, and events
/// posted again with the same ids are not counted again.
/// </summary>
public sealed class PostgresModeTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    [SkippableTheory]
    [InlineData("Memory")]
    [InlineData("PostgreSql")]
    public async Task CountsSurviveASiloRestart(string streams)
    {
        var connectionString = postgres.Require();
        await using var cluster = new CountersCluster(connectionString, "--Counters:Streams", streams);
        var silo = cluster.StartSilo();
        try
        {
            await cluster.StartGatewayAsync();
            var truth = new GroundTruth();
            await PostAllAsync(cluster.Client, truth, new EventGenerator(seed: 11).Generate(2_000, hours: 16));
            await AssertMatchesTruthAsync(cluster.Client, truth, "before the restart");

            await cluster.RestartSiloAsync(silo);
            await AssertMatchesTruthAsync(cluster.Client, truth, "after the restart");

            var second = new EventGenerator(seed: 12).Generate(1_000, hours: 8);
            await PostAllAsync(cluster.Client, truth, second);
            await AssertMatchesTruthAsync(cluster.Client, truth, "after counting on");
            Assert.True(await Sql.CountAsync(connectionString, "SELECT count(*) FROM OrleansStorage") > 0);
            if (streams == "PostgreSql")
            {
                var queued = await Eventually.ReadAsync(
                    () => Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(60));
                Assert.True(queued == 0, $"{queued} messages still queued: not acknowledged");
                Assert.Equal(0, await Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_dead_letter"));

                // A client that retries after a lost answer: every event carries an id, so none counts twice.
                foreach (var batch in second.Chunk(500))
                {
                    await cluster.Client.PostAsync(batch);
                }

                await Task.Delay(TimeSpan.FromSeconds(2));
                await AssertMatchesTruthAsync(cluster.Client, truth, "after posting the same events again");
            }
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    private static async Task PostAllAsync(StatsClient client, GroundTruth truth, IReadOnlyList<CounterEvent> events)
    {
        foreach (var batch in events.Chunk(500))
        {
            await client.PostAsync(batch);
        }

        truth.Add(events);
    }

    private async Task AssertMatchesTruthAsync(StatsClient client, GroundTruth truth, string when)
    {
        CountsVerifier.CountsReader read = client.TrackAsync;
        await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromSeconds(30));
        var report = await CountsVerifier.VerifyAsync(truth, read);
        output.WriteLine($"{when}: {report}");
        Assert.True(report.Mismatches.Count == 0, $"{when}: {report}");
    }
}
