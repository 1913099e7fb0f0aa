namespace Orleans.Counters.Grains.Counters;

/// <summary>How counter grains push totals up and write themselves behind, how many series an hour and a year and how many types an account keep, and which crawlers count as bots. Section <c>Counters:Grains</c>.</summary>
public sealed class CounterOptions : ICountersOptions<CounterOptions>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Grains";

    /// <summary>How soon a changed counter reports its total to its parent period. Keeps every period fresh within a second.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a changed counter may stay unwritten; changes in between share one write.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often an activation that is read compares its state with storage, to find out whether a
    /// second activation of it wrote (docs/exactly-once.md item 10). One read of its record.
    /// </summary>
    public TimeSpan StateCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often it does so while the last membership change or storage failure is recent.</summary>
    public TimeSpan StateCheckIntervalAfterDisturbance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long after a membership change or storage failure the shorter interval applies.</summary>
    public TimeSpan DisturbanceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a counter hands its work over when its silo shuts down: reports to its parent period and
    /// writes its state, for the next activation, on another silo, to go on from. False in memory mode,
    /// where nothing outlives the process: the memory storage's own grains stop with it, so those calls
    /// could only fail, each with an error in the log.
    /// </summary>
    public bool HandOverOnShutdown { get; set; } = true;

    /// <summary>
    /// The crawler list: user-agent patterns, one per line. A relative path is read beside the program,
    /// where the build copies <c>silo-config/crawlers.txt</c>. Looked at again every few seconds, so an edit takes effect without a restart.
    /// </summary>
    public string CrawlerList { get; set; } = "crawlers.txt";

    /// <summary>
    /// The most URL series an account's hour keeps, of all its types together; the events of further
    /// URLs count in their type's <c>(other)</c> series for the rest of the hour. Each of an account's
    /// <see cref="CounterGroup.ShardCount"/> shards keeps its share (rounded up), URLs spreading over
    /// them by hash. Bounds what a client sending endless distinct URLs costs in memory and storage.
    /// </summary>
    public int MaxUrlsPerHour { get; set; } = 10_000;

    /// <summary>The same for referrers: the most referrer series an account's hour keeps, beyond which they count as <c>(other)</c>.</summary>
    public int MaxReferrersPerHour { get; set; } = 10_000;

    /// <summary>
    /// The most URL series an account's year keeps (a year of its time zone, of all its types together):
    /// the days, months and the year itself hold the URLs their hours held, so without it a day could hold
    /// 24 times <see cref="MaxUrlsPerHour"/> and a year 8,784 times. An hour counts a URL new to it under its
    /// own name only if the year admitted it (see <c>SeriesAdmissionGrain</c>); past the cap, a URL new to
    /// the year counts in its type's <c>(other)</c> series for the rest of the year. Ten full hours' worth:
    /// more distinct pages than all but the largest sites see in a year, while a year, month or day rollup
    /// of the account stays within about 100,000 series of each kind and its admission record within a few
    /// megabytes.
    /// </summary>
    public int MaxUrlsPerYear { get; set; } = 100_000;

    /// <summary>The same for referrers: the most referrer series an account's year keeps, beyond which new ones count as <c>(other)</c>.</summary>
    public int MaxReferrersPerYear { get; set; } = 100_000;

    /// <summary>
    /// The most property names an account breaks its counts down by (<c>top?by=prop:NAME</c>), the first ones
    /// seen, kept for good like its types; <c>referrer</c>, counted apart, is none of them. A name seen after
    /// the cap is full is not broken down at all: its events count as ever in every total, URL and referrer,
    /// and a read that names it answers 400 saying so. Each tracked property of an event is one more series
    /// increment (see docs/PERFORMANCE.md); 0 breaks down none.
    /// </summary>
    public int MaxPropertyNames { get; set; } = 20;

    /// <summary>The same as <see cref="MaxUrlsPerHour"/> for property values: the most an account's hour keeps, of all its properties together, beyond which they count as their property's <c>(other)</c>.</summary>
    public int MaxPropertyValuesPerHour { get; set; } = 10_000;

    /// <summary>The same as <see cref="MaxUrlsPerYear"/> for property values, of all an account's properties together.</summary>
    public int MaxPropertyValuesPerYear { get; set; } = 100_000;

    /// <summary>
    /// The most event types an account keeps; the events of further types count as type <c>(other)</c>.
    /// An account's types are kept for good, so this caps them over its whole life, not per period.
    /// </summary>
    public int MaxTypes { get; set; } = 1_000;

    static string ICountersOptions<CounterOptions>.Section => Section;

    static IValidateOptions<CounterOptions>? ICountersOptions<CounterOptions>.CreateValidator(string sectionPath) => new CounterOptionsValidator();
}
