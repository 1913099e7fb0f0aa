namespace Orleans.Counters.Series;

/// <summary>
/// What is counted: one event type of one account, for one URL or for all of them.
/// Account <see cref="AllAccounts"/> sums every account; url <see cref="AllUrls"/> sums every URL.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.series")]
public sealed record SeriesKey([property: Id(0)] string Account, [property: Id(1)] string Type, [property: Id(2)] string Url)
{
    /// <summary>The account name that stands for the sum over all accounts.</summary>
    public const string AllAccounts = "all";

    /// <summary>The url that stands for the sum over all URLs of a series.</summary>
    public const string AllUrls = "*";

    /// <summary>The series within its account.</summary>
    public SeriesId Id => new(Type, Url);

    /// <summary>The series of every URL of an account's event type.</summary>
    public static SeriesKey AllUrlsOf(string account, string type) => new(account, type, AllUrls);
}
