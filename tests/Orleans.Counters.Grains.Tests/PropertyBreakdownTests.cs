using Xunit.Abstractions;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// Event properties counted as series: every value's count, in every hour, day, month and year, equals the
/// count made from the events themselves, and the shards' top lists add up to it.
/// </summary>
public sealed class PropertyBreakdownTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int Seed = 20261204;

    [Fact]
    public async Task EveryValueOfEveryPropertyEqualsGroundTruthAtEveryLevel()
    {
        // The generator's accounts, renamed so that no other test of the fixture counts in them.
        var events = PropertyGroundTruth.Decorate(
            new EventGenerator(Seed).Generate(6_000).Select(e => e with { Account = "props-" + e.Account }), Seed);
        var truth = new PropertyGroundTruth();
        truth.Add(events);
        var publisher = new EventPublisher(fixture.Client);
        foreach (var batch in events.Chunk(500))
        {
            await publisher.PublishAsync(batch);
        }

        var reader = new CounterReader(fixture.Client);
        var window = CountWindow.At(DateTime.UtcNow, new EventLimits());
        async Task<Dictionary<string, long>> TopAsync((string Account, string Type, string Name, Period Period) breakdown)
        {
            var top = await reader.TopAsync(breakdown.Account, breakdown.Type, TopDimension.OfProperty(breakdown.Name), breakdown.Period, 1000, window);
            Assert.Equal(top.Top.Length, top.Distinct);
            return top.Top.ToDictionary(item => item.Series.Value, item => item.Total);
        }

        Dictionary<string, long> Expected((string, string, string, Period) breakdown) =>
            truth.Values(breakdown).ToDictionary(value => value.Key, value => value.Value.Sum());

        // The rollups report on their own ticks: wait until every year holds every value.
        foreach (var year in truth.Breakdowns.Where(b => b.Period.Kind == PeriodKind.Year))
        {
            await Eventually.ReadAsync(() => TopAsync(year), top => Same(top, Expected(year)), TimeSpan.FromSeconds(60));
        }

        var mismatches = new List<string>();
        var compared = 0;
        foreach (var breakdown in truth.Breakdowns)
        {
            var top = await TopAsync(breakdown);
            if (!Same(top, Expected(breakdown)))
            {
                mismatches.Add($"{breakdown}: top {string.Join(", ", top)}; expected {string.Join(", ", Expected(breakdown))}");
            }

            foreach (var (value, segments) in truth.Values(breakdown))
            {
                var series = new SeriesKey(breakdown.Account, breakdown.Type, SeriesId.OfProperty(breakdown.Type, breakdown.Name, value).Url);
                var counts = await fixture.Client.GetCountsAsync(series, breakdown.Period);
                compared++;
                if (!counts.Segments.SequenceEqual(segments))
                {
                    mismatches.Add($"{breakdown} {value}: segments differ");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(20)));
        Assert.Contains(truth.Breakdowns, b => b.Period.Kind == PeriodKind.Hour);
        Assert.True(compared > 2_000, $"{compared} value periods compared");
        output.WriteLine($"{events.Count} events (seed {Seed}): {truth.Breakdowns.Count} breakdowns and {compared} value periods equal ground truth");
    }

    private static bool Same(Dictionary<string, long> actual, Dictionary<string, long> expected) =>
        actual.Count == expected.Count && actual.All(value => expected.TryGetValue(value.Key, out var count) && count == value.Value);
}
