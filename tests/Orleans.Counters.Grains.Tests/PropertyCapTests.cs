using static Orleans.Counters.Grains.Tests.PageviewEvents;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// An account breaks its counts down by its first <see cref="CappedClusterFixture.MaxPropertyNames"/> property
/// names only, and an hour keeps its share of property values, the rest counting as the property's
/// <c>(other)</c>: every total stays exact at every level.
/// </summary>
public sealed class PropertyCapTests(CappedClusterFixture fixture) : IClassFixture<CappedClusterFixture>
{
    private const string Type = PageviewEvents.Type;
    private static readonly DateTime Hour = new(2025, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task NamesPastTheCapAreNotBrokenDown_AndTheCatalogSaysSo()
    {
        const string account = "props-capped-names";
        var publisher = new EventPublisher(fixture.Client);
        await publisher.PublishAsync([With(Event(account, Hour, "/"), ("plan", "pro"), ("referrer", "https://google.com/"))]);
        await publisher.PublishAsync([With(Event(account, Hour, "/"), ("utm_source", "mail"), ("colour", "red")), With(Event(account, Hour, "/"), ("plan", "free"), ("colour", "blue"))]);
        await publisher.PublishAsync([With(Event(account, Hour, "/"), ("size", "xl"), ("plan", "pro"))]);

        var year = Period.Containing(PeriodKind.Year, Hour);
        await Eventually.ReadAsync(() => fixture.Client.GetCountsAsync(SeriesKey.AllUrlsOf(account, Type), year), c => c.Total == 4);
        var catalog = await fixture.Client.GetGrain<IAccountCatalogGrain>(account).GetPropertiesAsync();

        // plan, then one of the second message's two new names; never size, which came after the cap was full.
        Assert.Equal(CappedClusterFixture.MaxPropertyNames, catalog.Count(PropertyBreakdown.IsBreakable));
        Assert.Contains(SeriesId.Overflow, catalog);
        Assert.Contains("plan", catalog);
        var reader = new CounterReader(fixture.Client);
        var window = CountWindow.At(DateTime.UtcNow, new EventLimits());
        var plans = await Eventually.ReadAsync(
            () => reader.TopAsync(account, Type, TopDimension.OfProperty("plan"), year, 10, window), top => top.Top.Sum(item => item.Total) == 3);
        Assert.Equal([("pro", 2L), ("free", 1L)], plans.Top.Select(item => (item.Series.Value, item.Total)));
        foreach (var untracked in new[] { "size", "referrer" }.Concat(new[] { "utm_source", "colour" }.Where(name => !catalog.Contains(name))))
        {
            Assert.Empty((await reader.TopAsync(account, Type, TopDimension.OfProperty(untracked), year, 10, window)).Top);
        }
    }

    [Fact]
    public async Task PastTheHoursCapNewValuesCountAsTheirPropertysOther_EveryTotalExactAtEveryLevel()
    {
        const string account = "props-capped-values";
        // 20 plans, the i-th on i + 1 events, over the hour's minutes, in several messages.
        var events = Enumerable.Range(0, 20)
            .SelectMany(i => Enumerable.Range(0, i + 1).Select(n => With(Event(account, Hour.AddMinutes((i + n) % 60), "/"), ("plan", $"plan-{i}"))))
            .ToList();
        var publisher = new EventPublisher(fixture.Client);
        foreach (var batch in events.Chunk(37))
        {
            await publisher.PublishAsync(batch);
        }

        var reader = new CounterReader(fixture.Client);
        var window = CountWindow.At(DateTime.UtcNow, new EventLimits());
        foreach (var kind in new[] { PeriodKind.Hour, PeriodKind.Day, PeriodKind.Month, PeriodKind.Year })
        {
            var period = Period.Containing(kind, Hour);
            var top = await Eventually.ReadAsync(
                () => reader.TopAsync(account, Type, TopDimension.OfProperty("plan"), period, 1000, window),
                t => t.Top.Sum(item => item.Total) == events.Count,
                TimeSpan.FromSeconds(30));
            var other = Assert.Single(top.Top, item => item.Series.IsOverflow);
            Assert.Equal(SeriesId.OfProperty(Type, "plan", SeriesId.Overflow), other.Series);
            var kept = top.Top.Where(item => !item.Series.IsOverflow).ToList();
            Assert.True(kept.Count <= CappedClusterFixture.MaxPropertyValuesPerHour, $"{period} keeps {kept.Count} values");
            Assert.Equal(kept.Count, top.Distinct);
            foreach (var item in kept)
            {
                // A value kept was kept from its first event on.
                Assert.Equal(events.Count(e => e.Properties!["plan"] == item.Series.Value), item.Total);
            }
        }
    }

    private static CounterEvent With(CounterEvent counted, params (string Name, string Value)[] properties) =>
        counted with { Properties = properties.ToImmutableDictionary(p => p.Name, p => p.Value) };
}
