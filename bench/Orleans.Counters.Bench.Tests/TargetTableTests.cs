namespace Orleans.Counters.Bench.Tests;

public sealed class TargetTableTests
{
    [Fact]
    public void Lists_only_the_figures_with_a_target_each_with_its_verdict()
    {
        var figures = new FigureSet();
        var redis = figures.Add("Redis", 100_000, Units.EventsPerSecond);
        figures.Compare("durable batch", 120_000, Units.EventsPerSecond, redis, Target.RatioAtLeast(1.0, "moonshot 2.0"));
        figures.Compare("fsync=on batch", 50_000, Units.EventsPerSecond, redis, Target.RatioAtLeast(2.0));
        figures.Compare("query p99", 7.5, Units.Milliseconds, baseline: null, Target.AtMost(5, "5 ms"));
        figures.Compare("pinned batch", 80_000, Units.EventsPerSecond, baseline: null, Target.RatioAtLeast(1.0));

        var rows = MarkdownReport.TargetTable(figures.All).Split('\n', StringSplitOptions.RemoveEmptyEntries)[2..];

        Assert.Equal(
        [
            "| durable batch | Redis | 1.200 × | ≥ 1.0 (moonshot 2.0) | met |",
            "| fsync=on batch | Redis | 0.500 × | ≥ 2.0 | **not met** |",
            "| query p99 | — | 7.500 ms | ≤ 5 ms | **not met** |",
            "| pinned batch | — (not measured) | — | ≥ 1.0 | no baseline |",
        ], rows);
    }
}
