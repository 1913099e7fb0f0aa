using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// A change of an account's time zone on the dashboard of its read key (issue 21): while its counted past is
/// re-counted, a notice under the time zone line says into which zone, how many hours are moved of how many, and
/// that the numbers shown are the former zone's; once done it is gone, and the zone line, the period, its total and
/// its chart are the new zone's. Uniques of a period before a change between zones whose hours do not line up say
/// they are approximate, as the API does.
/// </summary>
[Trait("Category", "Slow")]
[Collection(ZoneRebuildCollection.Name)]
public sealed partial class ZoneRebuildTests(ZoneRebuildFixture rebuild, ITestOutputHelper output) : IClassFixture<ZoneRebuildFixture>
{
    private const string Former = ZoneRebuildFixture.FormerZone;
    private const string New = ZoneRebuildFixture.NewZone;

    // What the page shows in one go, so that the end of the re-count cannot fall between two reads.
    private const string Snapshot =
        """
        (() => {
          const text = (id) => document.querySelector(`[data-testid="${id}"]`);
          return [text('zone-rebuild').hidden ? '' : text('zone-rebuild').textContent, text('time-zone').textContent, text('total').textContent, text('zone-rebuild-status').textContent];
        })()
        """;

    [SkippableFact]
    public async Task ChangingTheZone_ShowsTheReCountsProgress_ThenTheNewZonesPeriods()
    {
        rebuild.Chromium.Require();
        var formerYear = Period.Year(2023, Former);
        var newYear = Period.Year(2023, New);
        var page = await DashboardPage.OpenAsync(await rebuild.Chromium.NewPageAsync(), rebuild.Address, ZoneRebuildFixture.Account + "?period=2023", "key=" + rebuild.ReadKey);

        Assert.Equal($"Time zone {Former}", await page.ById("time-zone").InnerTextAsync());
        Assert.Equal(rebuild.Segments(formerYear).Sum(), await page.NumberAsync("total"));
        Assert.True(await page.ById("zone-rebuild").IsHiddenAsync());
        Assert.False((await rebuild.TrackAsync("2023")).GetProperty("uniquesApproximate").GetBoolean());
        Assert.True(await page.ById("uniques-approximate").IsHiddenAsync());

        Assert.True((await rebuild.SetZoneAsync(New)).GetProperty("rebuilding").GetBoolean());

        // Numbers, while the page still shows the former zone's year.
        var during = await Eventually.ReadAsync(
            () => page.Page.EvaluateAsync<string[]>(Snapshot),
            shown => Progress().IsMatch(shown[0]),
            TimeSpan.FromSeconds(60));
        await page.ScreenshotAsync("zone-rebuild");
        Assert.Equal($"Time zone {Former}", during[1]);
        Assert.Equal(DashboardPage.Count(rebuild.Segments(formerYear).Sum()), during[2]);
        Assert.Equal($"Re-counting in {New}: these numbers are in {Former} until it is done.", during[3]);
        var progress = Progress().Match(during[0]);
        var (moved, found) = (DashboardPage.ParseNumber(progress.Groups["moved"].Value), DashboardPage.ParseNumber(progress.Groups["found"].Value));
        Assert.InRange(moved, 0, found);

        // Done: the notice goes, and the same year is read again in the new zone's calendar.
        await Assertions.Expect(page.ById("zone-rebuild")).ToBeHiddenAsync(new() { Timeout = 120_000 });
        var settings = (await rebuild.SettingsAsync()).GetProperty("rebuild");
        Assert.Equal("done", settings.GetProperty("phase").GetString());
        Assert.Equal(found, settings.GetProperty("hoursFound").GetInt32());
        output.WriteLine($"seen: {during[0]}; the re-count of {found} hour groups ran from {settings.GetProperty("startedAt")} to {settings.GetProperty("finishedAt")}");
        await Assertions.Expect(page.ById("time-zone")).ToHaveTextAsync($"Time zone {New}");
        await Assertions.Expect(page.ById("zone-rebuild-status")).ToHaveTextAsync($"Re-counted: these numbers are now in {New}.");
        // The range, the total and the chart are written together.
        await Assertions.Expect(page.ById("period-range")).ToHaveTextAsync("2023-01-01 05:00 to 2024-01-01 05:00 UTC", new() { Timeout = 15_000 });
        Assert.Equal(rebuild.Segments(newYear).Sum(), await page.NumberAsync("total"));
        Assert.NotEqual(rebuild.Segments(formerYear).Sum(), rebuild.Segments(newYear).Sum());
        Assert.Equal(rebuild.Segments(newYear), (await page.SegmentsAsync()).Select(s => s.Count));

        // Kolkata's hours are half an hour off New York's: users kept per hour may count twice before the change.
        var track = await rebuild.TrackAsync("2023");
        Assert.True(track.GetProperty("uniquesApproximate").GetBoolean());
        Assert.Equal(track.GetProperty("uniques").GetInt64(), await page.NumberAsync("uniques"));
        await Assertions.Expect(page.ById("uniques-approximate")).ToBeVisibleAsync();
        await Assertions.Expect(page.ById("uniques-approximate")).ToHaveTextAsync("approximate: a user may count twice");
        await page.ScreenshotAsync("zone-rebuilt");
    }

    [GeneratedRegex($@"^Re-counting in {New}: (?<moved>[\d,]+) of (?<found>[\d,]+) hours moved(, adding up the days, months and years)?; these numbers are in {Former} until it is done$")]
    private static partial Regex Progress();
}

/// <summary>
/// The rebuild's tests run alone, after the others: its gateway and 8,000-event rebuild would otherwise add to the
/// load under which the other fixtures wait for their events to be counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ZoneRebuildCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "zone rebuild";
}
