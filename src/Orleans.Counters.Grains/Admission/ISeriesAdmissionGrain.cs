namespace Orleans.Counters.Grains.Admission;

/// <summary>
/// Which URL and referrer series one year of one account may count under their own name, at most
/// <see cref="Counters.CounterOptions.MaxUrlsPerYear"/> and <see cref="Counters.CounterOptions.MaxReferrersPerYear"/>
/// of them; the events of the others count in their type's <see cref="SeriesId.Overflow"/> series. Asked by
/// the account's hours before they count a series new to them. Key: <see cref="SeriesAdmissionKey"/>.
/// </summary>
public interface ISeriesAdmissionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Admits series while the year has room for them, and answers, in the order asked, whether each is
    /// admitted, once that is stored. A series admitted stays admitted; once the year is full of a kind,
    /// every series of that kind not admitted is refused for good. So a series gets the same answer every
    /// time it is asked about: a message applied again counts where it counted the first time. Series that
    /// are not capped (a type's all-URL series, an overflow series) are always admitted, and not stored.
    /// </summary>
    Task<ImmutableArray<bool>> AdmitAsync(ImmutableArray<SeriesId> series);
}
