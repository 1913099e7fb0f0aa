namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// Which series an hour keeps a counter of its own for: every URL and referrer until it holds
/// <see cref="MaxUrls"/> URL or <see cref="MaxReferrers"/> referrer series, and past that only those it
/// holds already; a new one is counted in its type's overflow series (<see cref="SeriesId.OverflowOf"/>).
/// The decision depends only on the series held, which persist with the positions of the messages that
/// made them: a message applied again after a lost activation meets the same series, in the same order.
/// </summary>
public sealed class SeriesCap
{
    private int _urls;
    private int _referrers;

    /// <summary>A cap on a group's series, counting those it holds already.</summary>
    /// <param name="maxUrls">The most URL series kept, of all types together; at least 1.</param>
    /// <param name="maxReferrers">The most referrer series kept, of all types together; at least 1.</param>
    /// <param name="held">The series the group holds.</param>
    public SeriesCap(int maxUrls, int maxReferrers, IEnumerable<SeriesId> held)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUrls, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReferrers, 1);
        MaxUrls = maxUrls;
        MaxReferrers = maxReferrers;
        foreach (var series in held)
        {
            Count(series);
        }
    }

    /// <summary>The most URL series kept.</summary>
    public int MaxUrls { get; }

    /// <summary>The most referrer series kept.</summary>
    public int MaxReferrers { get; }

    /// <summary>
    /// Where a series' events are counted: in itself if it is held or there is room for it (it is then
    /// counted as held), else in its overflow series. <paramref name="isHeld"/> tells whether the group
    /// holds it already.
    /// </summary>
    public SeriesId Place(SeriesId series, bool isHeld)
    {
        if (isHeld || series.IsOverflow)
        {
            return series;
        }

        if (series.IsUrl ? _urls >= MaxUrls : series.IsReferrer && _referrers >= MaxReferrers)
        {
            return SeriesId.OverflowOf(series);
        }

        Count(series);
        return series;
    }

    /// <summary>
    /// The per-group cap of an account-wide one: an account's URLs and referrers spread over
    /// <see cref="CounterGroup.ShardCount"/> groups per period by hash, so each keeps its share, rounded up.
    /// </summary>
    public static int PerGroup(int perAccount) => (perAccount + CounterGroup.ShardCount - 1) / CounterGroup.ShardCount;

    private void Count(SeriesId series)
    {
        if (series.IsOverflow)
        {
            return;
        }

        if (series.IsUrl)
        {
            _urls++;
        }
        else if (series.IsReferrer)
        {
            _referrers++;
        }
    }
}
