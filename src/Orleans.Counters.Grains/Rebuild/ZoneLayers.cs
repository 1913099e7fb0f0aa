using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Rebuild;

/// <summary>
/// The arithmetic of moving an hour's minutes into another zone's hours. A local hour of any zone whose offset is
/// a whole number of minutes is a run of 60 UTC minutes, so each minute of an hour lands in exactly one hour of the
/// other zone: in one hour when the two zones' hours line up, in two when they are shifted (Asia/Kolkata and UTC).
/// </summary>
public static class ZoneLayers
{
    /// <summary>The layers <paramref name="state"/> (the counters of <paramref name="group"/>, an hour) gives the hours of <paramref name="to"/>, by target hour.</summary>
    public static IReadOnlyList<(CounterGroup Hour, ZoneLayer Layer)> Of(CounterGroup group, CountersState state, ZoneTarget to)
    {
        var targets = Targets(group, to);
        var source = group.ToString();
        return [.. targets.Select(target => (target.Hour, new ZoneLayer(source, state.Version, [.. SeriesOf(state, target.Minutes)])))];
    }

    /// <summary>The hours of <paramref name="to"/> that share minutes with the hour of <paramref name="group"/>, with each minute's place in them.</summary>
    public static IReadOnlyList<(CounterGroup Hour, int[] Minutes)> Targets(CounterGroup group, ZoneTarget to)
    {
        var hour = group.Period;
        var (zone, account) = (to.Zone, ZoneHistory.CounterAccount(ZoneHistory.AccountOf(group.Account), to.Generation));
        var targets = new List<(CounterGroup Hour, int[] Minutes)>(2);
        for (var minute = 0; minute < hour.SegmentCount; minute++)
        {
            var instant = hour.SegmentStart(minute);
            var target = Period.Containing(PeriodKind.Hour, instant, zone);
            if (targets.Count == 0 || targets[^1].Hour.Period != target)
            {
                var minutes = new int[hour.SegmentCount];
                Array.Fill(minutes, -1);
                targets.Add((new CounterGroup(account, target, group.Shard), minutes));
            }

            targets[^1].Minutes[minute] = target.SegmentOf(instant);
        }

        return targets;
    }

    /// <summary>
    /// Replaces in <paramref name="state"/> what <paramref name="previous"/> (null for none) added with what
    /// <paramref name="layer"/> holds, and answers the series that changed. Users are a union and only grow:
    /// the new layer's are merged in.
    /// </summary>
    public static IReadOnlyCollection<SeriesId> Replace(CountersState state, ZoneLayer? previous, ZoneLayer layer)
    {
        var changed = new HashSet<SeriesId>();
        foreach (var series in previous?.Series ?? [])
        {
            Add(state, series, sign: -1);
            changed.Add(series.Series);
        }

        foreach (var series in layer.Series)
        {
            Add(state, series, sign: 1);
            changed.Add(series.Series);
        }

        return changed;
    }

    private static IEnumerable<LayerSeries> SeriesOf(CountersState state, int[] minutes)
    {
        foreach (var (series, counts) in state.Series)
        {
            var extras = state.Extras.GetValueOrDefault(series);
            var moved = Move(counts, minutes);
            var bots = extras?.Bots is { } b ? Move(b, minutes) : null;
            var sums = extras?.Sums is { } s ? Move(s, minutes) : null;
            var any = moved.Any(c => c != 0) || (bots?.Any(c => c != 0) ?? false) || (sums?.Any(c => c != 0) ?? false);
            if (any)
            {
                // A copy: the layer leaves this grain, and the sketch goes on changing here.
                yield return new LayerSeries(series, moved, NullIfZero(bots), NullIfZero(sums), extras?.Users?.Clone());
            }
        }
    }

    private static T[] Move<T>(T[] values, int[] minutes)
    {
        var moved = new T[values.Length];
        for (var minute = 0; minute < values.Length; minute++)
        {
            if (minutes[minute] >= 0)
            {
                moved[minutes[minute]] = values[minute];
            }
        }

        return moved;
    }

    private static T[]? NullIfZero<T>(T[]? values)
        where T : IEquatable<T> =>
        values is not null && values.Any(v => !v.Equals(default!)) ? values : null;

    private static void Add(CountersState state, LayerSeries series, int sign)
    {
        var counts = state.CountsOf(series.Series, series.Counts.Length);
        for (var minute = 0; minute < counts.Length; minute++)
        {
            counts[minute] += sign * series.Counts[minute];
        }

        if (series.Bots is null && series.Sums is null && series.Users is null)
        {
            return;
        }

        var extras = state.ExtrasOf(series.Series);
        if (series.Bots is { } bots)
        {
            var kept = extras.BotsToChange(counts.Length);
            for (var minute = 0; minute < kept.Length; minute++)
            {
                kept[minute] += sign * bots[minute];
            }
        }

        if (series.Sums is { } sums)
        {
            var kept = extras.SumsToChange(counts.Length);
            for (var minute = 0; minute < kept.Length; minute++)
            {
                kept[minute] += sign * sums[minute];
            }
        }

        if (sign > 0 && series.Users is { } users)
        {
            extras.UsersToChange().Merge(users);
        }
    }
}
