namespace Orleans.Counters.Series;

/// <summary>Which properties an account's counts can be broken down by, and what a value is counted under.</summary>
public static class PropertyBreakdown
{
    /// <summary>
    /// True for a name counts can be broken down by: any but <c>referrer</c>, counted in a dimension of its own
    /// (<see cref="ReferrerSource"/>), and <c>(other)</c>, which the account's catalog lists once its cap on
    /// names refused one.
    /// </summary>
    public static bool IsBreakable(string name) => name is not (Events.CounterEvent.ReferrerProperty or SeriesId.Overflow);

    /// <summary>
    /// The value as sent, when it holds more than white space; null otherwise: a blank value is no value to
    /// rank, so the event counts in no value of that property (as an event without it). Not trimmed, so that a
    /// filter names the value exactly as the events carried it.
    /// </summary>
    public static string? ValueOf(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
