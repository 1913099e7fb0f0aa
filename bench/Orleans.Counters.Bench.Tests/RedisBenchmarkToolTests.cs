using Orleans.Counters.Bench.Baselines;

namespace Orleans.Counters.Bench.Tests;

public sealed class RedisBenchmarkToolTests
{
    [Fact]
    public void Reads_the_rate_from_redis_benchmarks_csv()
    {
        // redis-benchmark 7.0.15 --csv, as printed on this machine.
        const string csv = """
            "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
            "HINCRBY h __rand_int__ 1","224820.14","13.786","0.456","10.959","24.031","92.799","211.967"

            """;

        Assert.Equal(224_820.14, RedisBenchmarkTool.ParseRequestsPerSecond(csv));
    }

    [Fact]
    public void Refuses_output_without_a_rate()
    {
        Assert.Throws<InvalidOperationException>(() => RedisBenchmarkTool.ParseRequestsPerSecond("ERROR: connection refused\n"));
    }
}
