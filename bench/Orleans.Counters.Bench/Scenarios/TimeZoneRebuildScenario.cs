using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Counters.Periods;
using Orleans.Counters.Series;

namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// How long a time zone change takes to rebuild an account's counted past (issue 21): one account counts one event
/// in each of URLs × hours series-hours, then its zone goes from UTC to Asia/Kolkata, whose half-hour offset splits
/// every hour in two (the harder case). The clock runs from the PUT until a GET of the settings says the rebuild is
/// done; then periods of the new zone are read and must equal the events, or the step fails and has no figure.
/// </summary>
public static class TimeZoneRebuildScenario
{
    /// <summary>The account rebuilt: one of its own, so no other scenario's series are moved with it.</summary>
    public const string Account = "bench-tz-rebuild";

    /// <summary>The event type counted.</summary>
    public const string EventType = "bench-tz-rebuild";

    /// <summary>The zone the account moves to.</summary>
    public const string To = "Asia/Kolkata";

    private static readonly TimeSpan SettingsPoll = TimeSpan.FromMilliseconds(50);

    // A gateway remembers a rebuilding account's zone for 1 s: its reads switch to the new zone within that.
    private static readonly TimeSpan ReadsSwitch = TimeSpan.FromSeconds(10);

    /// <summary>How the step's and its figures' names begin.</summary>
    public const string NamePrefix = "Time zone rebuild";

    /// <summary>The step's name for a mode.</summary>
    public static string Name(string mode) => $"{NamePrefix} (UTC → {To}), {mode}";

    /// <summary>Loads <paramref name="urls"/> × the profile's hours series-hours, changes the zone, times the rebuild and checks it.</summary>
    public static async Task<RebuildOutcome> RunAsync(Uri gateway, int urls, BenchProfile profile, CancellationToken cancellationToken)
    {
        var hours = profile.RebuildHours;
        var events = EventFactory.OneAccountSeriesHours(Account, EventType, urls, hours);
        using var http = LoadHttpClient.Create(gateway, profile.BatchConcurrency + 1);
        var load = await BatchLoad.RunAsync(http, events, profile, cancellationToken);
        // The all-accounts years show every event; the rebuild finds the account's hours through its own years.
        var years = YearTotal.YearsOf(events);
        await Eventually.ReadAsync(
            async () => (await Task.WhenAll(years.Select(year => YearTotal.GetAsync(http, Account, EventType, year, cancellationToken)))).Sum(),
            total => total == events.Length,
            profile.VisibleTimeout);

        var clock = Stopwatch.StartNew();
        using (var put = await http.PutAsJsonAsync($"/api/accounts/{Account}/settings", new { timeZone = To }, cancellationToken))
        {
            var answer = await put.Content.ReadAsStringAsync(cancellationToken);
            if (!put.IsSuccessStatusCode || !JsonDocument.Parse(answer).RootElement.GetProperty("rebuilding").GetBoolean())
            {
                throw new InvalidOperationException($"PUT /api/accounts/{Account}/settings answered {(int)put.StatusCode} without a rebuild: {answer}");
            }
        }

        var phases = new List<(string Phase, TimeSpan At)>();
        var settings = await WaitRebuiltAsync(http, clock, phases, profile.RebuildTimeout, cancellationToken);
        var elapsed = clock.Elapsed;
        var rebuild = settings.GetProperty("rebuild");
        var phase = rebuild.GetProperty("phase").GetString();
        var moved = rebuild.GetProperty("hoursMoved").GetInt32();
        var found = rebuild.GetProperty("hoursFound").GetInt32();
        if (phase != "done" || rebuild.GetProperty("to").GetString() != To || moved != found || moved == 0)
        {
            throw new InvalidOperationException($"the rebuild ended as {rebuild.GetRawText()}");
        }

        var ownClock = rebuild.GetProperty("finishedAt").GetDateTime() - rebuild.GetProperty("startedAt").GetDateTime();
        var checkedPeriods = await CheckAsync(http, events, urls, cancellationToken);

        var seriesHours = (long)events.Length + hours;
        var outcome = new RebuildOutcome(seriesHours, elapsed, moved, "");
        return outcome with
        {
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"one account, {urls:N0} URLs × {hours:N0} hours = {events.Length:N0} URL series-hours plus {hours:N0} account-wide ones: " +
                $"N = {seriesHours:N0} series-hours, one event each at minutes spread over its hour (loaded in {load.Elapsed.TotalSeconds:0.0} s). " +
                $"PUT {{\"timeZone\":\"{To}\"}} → GET /api/accounts/{{account}}/settings said \"rebuilding\": false after {elapsed.TotalSeconds:0.00} s " +
                $"(polled every {SettingsPoll.TotalMilliseconds:0} ms; the rebuild's own startedAt → finishedAt {ownClock.TotalSeconds:0.00} s; " +
                $"phases first seen at {string.Join(", ", phases.Select(p => $"{p.Phase} {p.At.TotalSeconds:0.00} s"))}), " +
                $"{moved:N0} hour groups moved ({outcome.HourGroupsPerSecond:N0}/s): {outcome.SecondsPerMillionSeriesHours:0.0} s per million series-hours " +
                $"(scaled linearly from N), {outcome.SeriesHoursPerSecond:N0} series-hours/s. Then {checkedPeriods} periods of the new zone (its years by month, the first, " +
                $"a middle and the last day by hour, a middle hour by minute, one URL's middle day) read equal to the events"),
        };
    }

    /// <summary>Polls the settings until the rebuild is done, noting when each phase was first seen: where the time goes.</summary>
    private static async Task<JsonElement> WaitRebuiltAsync(
        HttpClient http, Stopwatch clock, List<(string Phase, TimeSpan At)> phases, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var settings = await GetJsonAsync(http, $"/api/accounts/{Account}/settings", cancellationToken);
            var phase = settings.GetProperty("rebuild").GetProperty("phase").GetString() ?? "";
            if (phases.Count == 0 || phases[^1].Phase != phase)
            {
                phases.Add((phase, clock.Elapsed));
            }

            if (!settings.GetProperty("rebuilding").GetBoolean())
            {
                return settings;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the rebuild was not done {timeout} after the PUT: {settings.GetProperty("rebuild").GetRawText()}");
            }

            await Task.Delay(SettingsPoll, cancellationToken);
        }
    }

    /// <summary>Reads periods of the new zone and compares each segment with the events; throws naming every mismatch.</summary>
    private static async Task<int> CheckAsync(HttpClient http, BenchEvent[] events, int urls, CancellationToken cancellationToken)
    {
        var first = events.Min(e => e.Timestamp);
        var last = events.Max(e => e.Timestamp);
        var middle = first + ((last - first) / 2);
        var checks = events.Select(e => Period.Containing(PeriodKind.Year, e.Timestamp, To)).Distinct()
            .Select(year => (Period: year, Url: (string?)null))
            .Concat(new[] { first, middle, last }.Select(at => (Period: Period.Containing(PeriodKind.Day, at, To), Url: (string?)null)))
            .Append((Period: Period.Containing(PeriodKind.Hour, middle, To), Url: null))
            .Append((Period: Period.Containing(PeriodKind.Day, middle, To), Url: EventFactory.Url(urls / 2)))
            .ToList();

        // Until its reads switch, a gateway answers from the former zone; the first read waits for the switch.
        var allUrls = SeriesKey.AllUrlsOf(Account, EventType);
        await Eventually.ReadAsync(
            () => GetJsonAsync(http, StatsClient.TrackPath(allUrls, checks[0].Period), cancellationToken),
            body => body.GetProperty("timeZone").GetString() == To,
            ReadsSwitch);

        var mismatches = new List<string>();
        foreach (var (period, url) in checks)
        {
            var body = await GetJsonAsync(http, StatsClient.TrackPath(url is null ? allUrls : new SeriesKey(Account, EventType, url), period), cancellationToken);
            var expected = ZonedExpectation.Segments(events, period, Account, EventType, url);
            var read = Enumerable.Range(0, period.SegmentCount)
                .Select(segment => body.GetProperty("data").GetProperty(period.SegmentLabel(segment).ToString(CultureInfo.InvariantCulture)).GetInt64())
                .ToArray();
            var zone = body.GetProperty("timeZone").GetString();
            if (zone != To || body.GetProperty("rebuilding").GetBoolean() || !read.SequenceEqual(expected) || body.GetProperty("total").GetInt64() != expected.Sum())
            {
                mismatches.Add($"{period} {url ?? "all URLs"}: expected [{string.Join(",", expected)}], read [{string.Join(",", read)}] total {body.GetProperty("total")} in {zone}");
            }
        }

        return mismatches.Count == 0
            ? checks.Count
            : throw new InvalidOperationException($"after the rebuild, {mismatches.Count} of {checks.Count} periods differ from the events: {string.Join("; ", mismatches)}");
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        await using var body = await http.GetStreamAsync(path, cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}
