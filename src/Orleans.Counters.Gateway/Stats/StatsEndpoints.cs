using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>The query API: a period's segments, the realtime view and range summaries.</summary>
public static class StatsEndpoints
{
    /// <summary>Maps the stats endpoints under <c>/api/stats</c>.</summary>
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        var stats = app.MapGroup("/api/stats")
            .WithTags("Stats")
            .RequireAuthorization(AccountKeyRequirement.ForRouteAccount(KeyKind.Read))
            .ProducesProblem(StatusCodes.Status400BadRequest);
        // One route per depth, each of whose segments is required: one route with optional segments
        // reads in the OpenAPI document as if all were required.
        const string Track = "/track/{account}/{type}/{year}";
        stats.MapGet(Track, (string account, string type, string year, string? url, string? referrer, [AsParameters] StatsServices services, HttpRequest request) =>
                TrackAsync(new TrackRoute(account, type, year, null, null, null), url, referrer, services, request))
            .AsTrack("TrackYear", "A year's months; url=, referrer= or prop:NAME= narrows them.");
        stats.MapGet(Track + "/{month}", (string account, string type, string year, string month, string? url, string? referrer, [AsParameters] StatsServices services, HttpRequest request) =>
                TrackAsync(new TrackRoute(account, type, year, month, null, null), url, referrer, services, request))
            .AsTrack("TrackMonth", "A month's days; url=, referrer= or prop:NAME= narrows them.");
        stats.MapGet(Track + "/{month}/{day}", (string account, string type, string year, string month, string day, string? url, string? referrer, [AsParameters] StatsServices services, HttpRequest request) =>
                TrackAsync(new TrackRoute(account, type, year, month, day, null), url, referrer, services, request))
            .AsTrack("TrackDay", "A day's hours; url=, referrer= or prop:NAME= narrows them.");
        stats.MapGet(Track + "/{month}/{day}/{hour}", (string account, string type, string year, string month, string day, string hour, string? url, string? referrer, [AsParameters] StatsServices services, HttpRequest request) =>
                TrackAsync(new TrackRoute(account, type, year, month, day, hour), url, referrer, services, request))
            .AsTrack("TrackHour", "An hour's minutes; url=, referrer= or prop:NAME= narrows them.");
        stats.MapGet("/{account}/realtime", RealtimeAsync)
            .AcceptsOnly("the realtime view reads one series: url= narrows it, referrer= and prop:NAME= are for track, summary and timeseries", "type", "url")
            .WithName("Realtime")
            .WithSummary("The current minute, hour and day, and the last 60 minutes.");
        stats.MapGet("/{account}/summary", SummaryAsync)
            .AcceptsOnly("url=, referrer= and prop:NAME= cannot be combined", "type", "from", "to", "period", "url", "referrer", QueryParameters.PropertyPrefix, CsvTable.FormatParameter)
            .WithName("Summary")
            .WithSummary(
                "Counts by event type over [from, to) at minute precision, or over a period: today, yesterday, 7d and 30d " +
                "(the 7 or 30 whole days before today, today left out), month, year, YYYY, YYYY-MM or YYYY-MM-DD, in the account's time zone; " +
                "url=, referrer= or prop:NAME= narrows them.");
        stats.MapGet("/{account}/top", TopAsync)
            .AcceptsOnly(
                "a top list ranks all of a type's events by one dimension, and counts are kept per URL, per referrer and per property value, each alone: " +
                "a list narrowed by another dimension cannot be answered exactly, and by its own is one value: ask summary or timeseries with it",
                "type", "by", "period", "limit", CsvTable.FormatParameter)
            .WithName("Top")
            .WithSummary(
                "The URLs, referrers or values of a property (by=url, referrer or prop:NAME) with the most events of a type in a day, month or year: today (the default), yesterday, month, year, " +
                "YYYY, YYYY-MM or YYYY-MM-DD, in the account's time zone.");
        stats.MapGet("/{account}/timeseries", TimeSeriesAsync)
            .AcceptsOnly("url=, referrer= and prop:NAME= cannot be combined", "type", "period", "interval", "url", "referrer", QueryParameters.PropertyPrefix, CsvTable.FormatParameter)
            .WithName("TimeSeries")
            .WithSummary(
                "A type's counts, uniques, sums and bots point by point (interval minute, hour, day or month, at most 1,500 points) over a period: " +
                "today (the default), yesterday, 7d and 30d (the 7 or 30 whole days before today, today left out), month, year, YYYY, YYYY-MM or " +
                "YYYY-MM-DD, in the account's time zone; url=, referrer= or prop:NAME= narrows it.");
        return app;
    }

    private static RouteHandlerBuilder AsTrack(this RouteHandlerBuilder track, string name, string summary) =>
        track.AcceptsOnly("a track reads one series", "url", "referrer", QueryParameters.PropertyPrefix, CsvTable.FormatParameter)
            .WithName(name)
            .WithSummary(summary);

    private static async Task<Results<Ok<TrackResponse>, ContentHttpResult, ProblemHttpResult>> TrackAsync(
        TrackRoute route, string? url, string? referrer, StatsServices services, HttpRequest request)
    {
        var (counters, windows, _) = services;
        var query = new StatsQuery();
        var series = query.Series(route.Account, route.Type, SeriesFilter.Of(url, referrer, request.Query));
        await PropertyTracking.CheckAsync(counters, series.Account, series.Id.Property, QueryParameters.PropertyPrefix + series.Id.Property, query);
        // One read of the account's zones in each handler, so that the answer's zone, rebuilding and uniquesApproximate agree.
        var zones = query.IsValid ? await counters.ZoneAsync(series.Account) : null;
        var zone = zones?.ReadZone;
        var period = query.PeriodOf(route.Year, route.Month, route.Day, route.Hour, zone);
        var csv = CsvTable.IsWanted(request, query);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid("Invalid stats request", query.FieldProblems);
        }

        var counts = await counters.ReadAsync(series, period!.Value, windows.Now());
        if (csv)
        {
            var table = new CsvTable("segment", "start", "count");
            for (var segment = 0; segment < counts.Segments.Length; segment++)
            {
                table.Row(period.Value.SegmentLabel(segment), period.Value.SegmentStart(segment), counts.Segments[segment]);
            }

            return table.ToResult();
        }

        var data = new Dictionary<string, long>(counts.Segments.Length);
        for (var segment = 0; segment < counts.Segments.Length; segment++)
        {
            data[period.Value.SegmentLabel(segment).ToString(System.Globalization.CultureInfo.InvariantCulture)] = counts.Segments[segment];
        }

        var local = period.Value.Local;
        var kind = period.Value.Kind;
        return TypedResults.Ok(new TrackResponse(
            series.Account,
            series.Type,
            series.Id.CountsEventsOnly ? SeriesKey.AllUrls : series.Url,
            local.Year,
            kind <= PeriodKind.Month ? local.Month : null,
            kind <= PeriodKind.Day ? local.Day : null,
            kind == PeriodKind.Hour ? period.Value.HourOfDay : null,
            counts.Total,
            data)
        {
            TimeZone = zone ?? TimeZones.Utc,
            Rebuilding = zones!.Rebuilding,
            Start = period.Value.Start,
            End = period.Value.End,
            Referrer = series.Id.Referrer,
            Property = PropertyFilterResponse.Of(series.Id),
            Bots = counts.Bots,
            Sum = counts.Sum,
            Uniques = counts.Uniques,
            UniquesApproximate = zones!.UniquesApproximateFrom(period.Value.Start),
        });
    }

    private static async Task<Results<Ok<RealtimeResponse>, ProblemHttpResult>> RealtimeAsync(
        string account, string? type, string? url, [AsParameters] StatsServices services)
    {
        var (counters, _, clock) = services;
        var query = new StatsQuery();
        var series = query.Series(account, type, url);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid("Invalid realtime request", query.FieldProblems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var zones = await counters.ZoneAsync(series.Account);
        var zone = zones.ReadZone;
        var hour = Period.Containing(PeriodKind.Hour, now, zone);
        var previousHour = Period.Containing(PeriodKind.Hour, hour.Start.AddTicks(-1), zone);
        var day = Period.Containing(PeriodKind.Day, now, zone);
        var current = counters.ReadAsync(series, hour);
        var previous = counters.ReadAsync(series, previousHour);
        var today = counters.ReadAsync(series, day);
        await Task.WhenAll(current, previous, today);

        var thisMinute = hour.SegmentOf(now);
        var lastHour = Enumerable.Range(0, 60)
            .Select(back => hour.SegmentStart(thisMinute).AddMinutes(back - 59))
            .Select(minute => hour.Contains(minute)
                ? new MinuteResponse(minute, current.Result.Segments[hour.SegmentOf(minute)])
                : new MinuteResponse(minute, previous.Result.Segments[previousHour.SegmentOf(minute)]))
            .ToList();
        return TypedResults.Ok(new RealtimeResponse(
            series.Account, series.Type, series.Url, now, current.Result.Segments[thisMinute], current.Result.Total, today.Result.Total, lastHour)
        {
            TimeZone = zone ?? TimeZones.Utc,
            Rebuilding = zones.Rebuilding,
            DayUniques = today.Result.Uniques,
            UniquesApproximate = zones.UniquesApproximateFrom(day.Start),
        });
    }

    private static async Task<Results<Ok<TopResponse>, ContentHttpResult, ProblemHttpResult>> TopAsync(
        string account, [AsParameters] TopQuery top, [AsParameters] StatsServices services, HttpRequest request)
    {
        var (counters, windows, clock) = services;
        var query = new StatsQuery();
        var series = query.Series(account, top.Type, url: null);
        var dimension = TopBy.Parse(top.By, query);
        if (account == SeriesKey.AllAccounts)
        {
            query.Refuse("account", $"URLs, referrers and properties are not counted across accounts: ask one account, not '{SeriesKey.AllAccounts}'");
        }

        await PropertyTracking.CheckAsync(counters, series.Account, dimension.Property, "by", query);
        var zones = query.IsValid ? await counters.ZoneAsync(series.Account) : null;
        var zone = zones?.ReadZone;
        var counted = query.DayMonthOrYear("period", top.CountedPeriod, clock.GetUtcNow().UtcDateTime, zone);
        var count = query.Count("limit", top.Limit, TopBy.DefaultLimit, 1, TopBy.MaxLimit);
        var csv = CsvTable.IsWanted(request, query);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid("Invalid top request", query.FieldProblems);
        }

        var window = windows.Now();
        var ranked = counters.TopAsync(series.Account, series.Type, dimension, counted!.Value, count, window);
        var total = counters.ReadAsync(series, counted.Value, window);
        await Task.WhenAll(ranked, total);
        if (csv)
        {
            var table = new CsvTable("rank", "value", "count");
            foreach (var (item, rank) in ranked.Result.Top.Select((item, index) => (item, index + 1)))
            {
                table.Row(rank, item.Series.Value, item.Total);
            }

            return table.ToResult();
        }

        return TypedResults.Ok(new TopResponse(
            series.Account,
            series.Type,
            dimension.Name,
            counted.Value.ToString().Split('@')[0],
            total.Result.Total,
            ranked.Result.Distinct,
            [.. ranked.Result.Top.Select(item => new TopItemResponse(item.Series.Value, item.Total))])
        {
            TimeZone = zone ?? TimeZones.Utc,
            Rebuilding = zones!.Rebuilding,
        });
    }

    private static async Task<Results<Ok<SummaryResponse>, ContentHttpResult, ProblemHttpResult>> SummaryAsync(
        string account, [AsParameters] SummaryQuery summary, [AsParameters] StatsServices services, HttpRequest request)
    {
        var (counters, windows, clock) = services;
        var query = new StatsQuery();
        var allTypes = string.IsNullOrEmpty(summary.Type);
        var filter = query.Series(account, allTypes ? "any" : summary.Type, SeriesFilter.Of(summary.Url, summary.Referrer, request.Query));
        await PropertyTracking.CheckAsync(counters, account, filter.Id.Property, QueryParameters.PropertyPrefix + filter.Id.Property, query);
        var zones = query.IsValid ? await counters.ZoneAsync(account) : null;
        var zone = zones?.ReadZone;
        DateTime start, end;
        if (summary.CountedPeriod is not null)
        {
            if (summary.From is not null || summary.To is not null)
            {
                query.Refuse("period", "cannot be combined with from and to: give one or the other");
            }

            var range = query.Range("period", summary.CountedPeriod, clock.GetUtcNow().UtcDateTime, zone);
            (start, end) = (range?.Start ?? default, range?.End ?? default);
        }
        else
        {
            start = RangeCover.FloorToMinute(query.Instant("from", summary.From));
            end = RangeCover.FloorToMinute(query.Instant("to", summary.To));
            if (query.IsValid && start >= end)
            {
                query.Refuse("to", "must be later than from");
            }
        }

        var csv = CsvTable.IsWanted(request, query);

        if (!query.IsValid)
        {
            return ProblemResults.Invalid("Invalid summary request", query.FieldProblems);
        }

        var types = allTypes ? await counters.TypesAsync(account) : [summary.Type!];
        var window = windows.Now();
        var totals = await Task.WhenAll(types.Select(t => counters.SummarizeRangeAsync(filter with { Type = t }, start, end, zone, window)));
        var byType = types.Zip(totals).ToDictionary(pair => pair.First, pair => pair.Second);
        // A referrer's or property value's series counts events only: no bots, sums or users.
        var full = !filter.Id.CountsEventsOnly;
        if (csv)
        {
            var table = new CsvTable("type", "from", "to", "count", "bots", "sum", "uniques");
            foreach (var (counted, total) in byType)
            {
                table.Row(counted, start, end, total.Count, full ? total.Bots : null, full ? total.Sum : null, full ? total.Uniques : null);
            }

            return table.ToResult();
        }

        return TypedResults.Ok(new SummaryResponse(account, start, end, byType.ToDictionary(t => t.Key, t => t.Value.Count))
        {
            TimeZone = zone ?? TimeZones.Utc,
            Rebuilding = zones!.Rebuilding,
            Url = full ? filter.Url : SeriesKey.AllUrls,
            Referrer = filter.Id.Referrer,
            Property = PropertyFilterResponse.Of(filter.Id),
            Bots = full ? byType.ToDictionary(t => t.Key, t => t.Value.Bots) : null,
            Sums = full ? byType.ToDictionary(t => t.Key, t => t.Value.Sum) : null,
            Uniques = full ? byType.ToDictionary(t => t.Key, t => t.Value.Uniques) : null,
            UniquesApproximate = full && zones!.UniquesApproximateFrom(start),
        });
    }

    private static async Task<Results<Ok<TimeSeriesResponse>, ContentHttpResult, ProblemHttpResult>> TimeSeriesAsync(
        string account, [AsParameters] TimeSeriesQuery timeSeries, [AsParameters] StatsServices services, HttpRequest request)
    {
        var (counters, windows, clock) = services;
        var query = new StatsQuery();
        var series = query.Series(account, timeSeries.Type, SeriesFilter.Of(timeSeries.Url, timeSeries.Referrer, request.Query));
        await PropertyTracking.CheckAsync(counters, series.Account, series.Id.Property, QueryParameters.PropertyPrefix + series.Id.Property, query);
        var zones = query.IsValid ? await counters.ZoneAsync(series.Account) : null;
        var zone = zones?.ReadZone;
        var range = query.Range("period", timeSeries.CountedPeriod, clock.GetUtcNow().UtcDateTime, zone);
        var interval = query.Interval("interval", timeSeries.Interval, range?.DefaultInterval ?? SeriesInterval.Hour);
        if (range is not null && query.IsValid && TimeSeries.PointCount(range, interval) is var points and > TimeSeries.MaxPoints)
        {
            query.Refuse("interval", $"gives {points} points over {range.Name}, more than {TimeSeries.MaxPoints}: ask a coarser interval or a shorter period");
        }

        var csv = CsvTable.IsWanted(request, query);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid("Invalid timeseries request", query.FieldProblems);
        }

        var read = await TimeSeries.ReadAsync(counters, series, range!, interval, windows.Now());
        if (csv)
        {
            var table = new CsvTable("start", "count", "uniques", "sum", "bots");
            foreach (var point in read)
            {
                table.Row(point.Start, point.Count, point.Uniques, point.Sum, point.Bots);
            }

            return table.ToResult();
        }

        return TypedResults.Ok(new TimeSeriesResponse(
            series.Account, series.Type, series.Id.CountsEventsOnly ? SeriesKey.AllUrls : series.Url, range!.Name, range.Start, range.End, IntervalName(interval), read)
        {
            Referrer = series.Id.Referrer,
            Property = PropertyFilterResponse.Of(series.Id),
            TimeZone = zone ?? TimeZones.Utc,
            Rebuilding = zones!.Rebuilding,
            UniquesApproximate = zones!.UniquesApproximateFrom(range.Start),
        });
    }

    private static string IntervalName(SeriesInterval interval) => interval.ToString().ToLowerInvariant();
}
