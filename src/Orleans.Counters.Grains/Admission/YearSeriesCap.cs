namespace Orleans.Counters.Grains.Admission;

/// <summary>
/// The decision of a year's series admission, apart from its grain: a series is admitted if the year
/// admitted it before or has room for one more of its kind (URL, referrer or property value), in the order asked.
/// The admitted series only grow and stop growing when full, so asking again answers the same.
/// </summary>
/// <param name="MaxUrls">The most URL series admitted, of all types together; at least 1.</param>
/// <param name="MaxReferrers">The most referrer series admitted; at least 1.</param>
/// <param name="MaxPropertyValues">The most property value series admitted, of all properties together; at least 1.</param>
public sealed record YearSeriesCap(int MaxUrls, int MaxReferrers, int MaxPropertyValues)
{
    /// <summary>
    /// Decides on <paramref name="series"/> against what <paramref name="held"/> admitted. Returns the
    /// answers, in order, and the state to store before giving them, or null when nothing new was
    /// admitted; <paramref name="held"/> itself is left unchanged, so that a failed write changes nothing.
    /// </summary>
    public (ImmutableArray<bool> Admitted, SeriesAdmissionState? Next) Admit(SeriesAdmissionState held, IReadOnlyList<SeriesId> series)
    {
        var admitted = ImmutableArray.CreateBuilder<bool>(series.Count);
        HashSet<SeriesFingerprint>? urls = null;
        HashSet<SeriesFingerprint>? referrers = null;
        HashSet<SeriesFingerprint>? propertyValues = null;
        foreach (var one in series)
        {
            if (one.IsOverflow || !(one.IsUrl || one.IsReferrer || one.IsProperty))
            {
                admitted.Add(true);
                continue;
            }

            var fingerprint = SeriesFingerprint.Of(one);
            admitted.Add(one.IsUrl ? Admit(fingerprint, held.Urls, ref urls, MaxUrls)
                : one.IsReferrer ? Admit(fingerprint, held.Referrers, ref referrers, MaxReferrers)
                : Admit(fingerprint, held.PropertyValues, ref propertyValues, MaxPropertyValues));
        }

        var next = urls is null && referrers is null && propertyValues is null
            ? null
            : new SeriesAdmissionState
            {
                Urls = urls ?? held.Urls,
                Referrers = referrers ?? held.Referrers,
                PropertyValues = propertyValues ?? held.PropertyValues,
            };
        return (admitted.MoveToImmutable(), next);
    }

    private static bool Admit(SeriesFingerprint fingerprint, HashSet<SeriesFingerprint> held, ref HashSet<SeriesFingerprint>? next, int max)
    {
        var current = next ?? held;
        if (current.Contains(fingerprint))
        {
            return true;
        }

        if (current.Count >= max)
        {
            return false;
        }

        next ??= new HashSet<SeriesFingerprint>(held);
        next.Add(fingerprint);
        return true;
    }
}
