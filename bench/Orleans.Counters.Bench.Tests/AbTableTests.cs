namespace Orleans.Counters.Bench.Tests;

public sealed class AbTableTests
{
    private static readonly DateTimeOffset Written = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Shows_the_figures_both_runs_have_with_before_after_and_their_quotient()
    {
        Figure[] before = [new("Batch ingestion, default mode", 50_000, Units.EventsPerSecond, "Redis", 100_000, 0.5), new("Gone", 1, Units.EventsPerSecond, null, null, null)];
        Figure[] after = [new("Batch ingestion, default mode", 75_000, Units.EventsPerSecond, "Redis", 100_000, 0.75), new("New", 2, Units.EventsPerSecond, null, null, null)];

        var page = AbTable.Render(before, after, "main, commit abc1234", "commit def5678", Written);

        Assert.Contains("| Batch ingestion, default mode | events/s | 50,000 | 75,000 | 1.500 | 0.500 | 0.750 |", page);
        Assert.DoesNotContain("| Gone |", page);
        Assert.DoesNotContain("| New |", page);
        Assert.Contains("1 figures of the after run have no counterpart before", page);
        Assert.Contains("**before** (main, commit abc1234)", page);
    }

    [Theory]
    [InlineData("Batch ingestion, durable PostgreSQL mode", "Batch ingestion, durable PostgreSQL mode (fsync=off)")]
    [InlineData("Batch ingestion, durable PostgreSQL mode (vs seed 001)", "Batch ingestion, durable PostgreSQL mode (fsync=off) (vs seed 001)")]
    [InlineData("Day query under ingestion, durable PostgreSQL mode p99", "Day query under ingestion, durable PostgreSQL mode (fsync=off) p99")]
    [InlineData("Redis: 8 HINCRBY per event, pipelined (seed 000)", "Redis: 8 HINCRBY per event, pipelined (seed 000), without persistence")]
    [InlineData("Batch ingestion, default mode", "Batch ingestion, default mode")]
    public void An_earlier_runs_figure_is_matched_by_its_name_since_issue_18(string earlier, string now)
    {
        Assert.Equal(now, AbTable.CurrentName(earlier, new HashSet<string> { now }));
    }

    [Fact]
    public void A_name_both_runs_share_is_kept_as_it_is()
    {
        const string name = "Batch ingestion, durable PostgreSQL mode (fsync=on)";

        Assert.Equal(name, AbTable.CurrentName(name, new HashSet<string> { name }));
    }

    [Fact]
    public async Task Reads_the_figures_a_run_wrote()
    {
        var file = Path.GetTempFileName();
        try
        {
            Figure[] figures = [new("Batch ingestion, default mode", 75_000, Units.EventsPerSecond, "Redis", 100_000, 0.75)];
            await JsonReport.WriteAsync(file, figures, CancellationToken.None);

            var read = await AbTable.ReadAsync(file, CancellationToken.None);

            Assert.Equal(figures, read);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
