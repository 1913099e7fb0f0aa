namespace Orleans.Counters.Bench.Baselines;

/// <summary>
/// Redis' own ceiling: <c>redis-benchmark</c> (its C client) sending <c>HINCRBY</c> on random fields of one
/// hash, pipelined 64 deep, to a running server. No key building, no .NET client: the number a Redis user
/// quotes, beside which seed 000's way of counting (<see cref="RedisHincrbyBaseline"/>) shows what the client costs.
/// </summary>
public static class RedisBenchmarkTool
{
    private const int Pipeline = 64;
    private const int Clients = 50;

    /// <summary>Runs redis-benchmark against <paramref name="server"/>; throws when the tool is not installed.</summary>
    public static async Task<CommandRateOutcome> RunAsync(RedisServer server, RedisPersistence persistence, int requests, CancellationToken cancellationToken)
    {
        var tool = RedisServer.BenchmarkTool ?? throw new InvalidOperationException("redis-benchmark is not installed (Debian's redis-tools)");
        var csv = await CommandRunner.RunCheckedAsync(tool,
        [
            "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-P", Pipeline.ToString(CultureInfo.InvariantCulture),
            "-c", Clients.ToString(CultureInfo.InvariantCulture), "-n", requests.ToString(CultureInfo.InvariantCulture), "-r", "100000", "--csv",
            "HINCRBY", "bench:hash", "__rand_int__", "1",
        ], cancellationToken);
        var rate = ParseRequestsPerSecond(csv);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"redis-benchmark -P {Pipeline} -c {Clients} -n {requests:N0} HINCRBY on 100,000 random fields of one hash; redis-server {persistence}");
        return new CommandRateOutcome(rate, detail);
    }

    /// <summary>The "rps" column of redis-benchmark's <c>--csv</c> output (a header line, then one line per test).</summary>
    public static double ParseRequestsPerSecond(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',').Select(cell => cell.Trim('"')).ToList();
        var column = header.IndexOf("rps");
        if (column < 0 || lines.Length < 2)
        {
            throw new InvalidOperationException($"unexpected redis-benchmark output: {csv}");
        }

        return double.Parse(lines[1].Split(',')[column].Trim('"'), CultureInfo.InvariantCulture);
    }
}
