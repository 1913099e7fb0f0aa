namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// Which series an hour keeps a counter of its own for: every URL, referrer and property value until it holds
/// <see cref="MaxUrls"/> URL, <see cref="MaxReferrers"/> referrer or <see cref="MaxPropertyValues"/> property
/// value series, and past that only those it holds already; a new one is counted in its type's overflow series (<see cref="SeriesId.OverflowOf"/>).
/// The decision depends only on the series held, which persist with the positions of the messages that
/// made them: a message applied again after a lost activation meets the same series, in the same order.
/// </summary>
public sealed class SeriesCap
{
    private int _urls;
    private int _referrers;
    private int _propertyValues;

    /// <summary>A cap on a group's series, counting those it holds already.</summary>
    /// <param name="maxUrls">The most URL series kept, of all types together; at least 1.</param>
    /// <param name="maxReferrers">The most referrer series kept, of all types together; at least 1.</param>
    /// <param name="maxPropertyValues">The most property value series kept, of all types and properties together; at least 1.</param>
    /// <param name="held">The series the group holds.</param>
    public SeriesCap(int maxUrls, int maxReferrers, int maxPropertyValues, IEnumerable<SeriesId> held)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUrls, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReferrers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPropertyValues, 1);
        MaxUrls = maxUrls;
        MaxReferrers = maxReferrers;
        MaxPropertyValues = maxPropertyValues;
        foreach (var series in held)
        {
            Hold(series);
        }
    }

    /// <summary>The most URL series kept.</summary>
    public int MaxUrls { get; }

    /// <summary>The most referrer series kept.</summary>
    public int MaxReferrers { get; }

    /// <summary>The most property value series kept.</summary>
    public int MaxPropertyValues { get; }

    /// <summary>
    /// Of <paramref name="series"/>, in order, those new to the group (<paramref name="isHeld"/> false) that
    /// it has room for, all of them taken together: the ones a year's admission is asked about. Changes nothing.
    /// </summary>
    public ImmutableArray<SeriesId> NewWithRoom(IEnumerable<SeriesId> series, Func<SeriesId, bool> isHeld)
    {
        var urls = _urls;
        var referrers = _referrers;
        var propertyValues = _propertyValues;
        var fitting = ImmutableArray.CreateBuilder<SeriesId>();
        foreach (var one in series.Where(one => IsCapped(one) && !isHeld(one) && HasRoom(one, urls, referrers, propertyValues)))
        {
            fitting.Add(one);
            urls += one.IsUrl ? 1 : 0;
            referrers += one.IsReferrer ? 1 : 0;
            propertyValues += one.IsProperty ? 1 : 0;
        }

        return fitting.ToImmutable();
    }

    /// <summary>Counts a series new to the group as held.</summary>
    public void Hold(SeriesId series)
    {
        if (!IsCapped(series))
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
        else
        {
            _propertyValues++;
        }
    }

    /// <summary>True for the series a cap counts: one URL's, one referrer's or one property value's, not a type's all-URL series nor an overflow series.</summary>
    public static bool IsCapped(SeriesId series) => !series.IsOverflow && (series.IsUrl || series.IsReferrer || series.IsProperty);

    /// <summary>
    /// The per-group cap of an account-wide one: an account's URLs, referrers and property values spread over
    /// <see cref="CounterGroup.ShardCount"/> groups per period by hash, so each keeps its share, rounded up.
    /// </summary>
    public static int PerGroup(int perAccount) => (perAccount + CounterGroup.ShardCount - 1) / CounterGroup.ShardCount;

    private bool HasRoom(SeriesId series, int urls, int referrers, int propertyValues) =>
        series.IsUrl ? urls < MaxUrls : series.IsReferrer ? referrers < MaxReferrers : propertyValues < MaxPropertyValues;
}
