namespace Orleans.Counters.Grains.Counters;

/// <summary>How counter grains push totals up and write themselves behind, and which crawlers count as bots. Section <c>Counters:Grains</c>.</summary>
public sealed class CounterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Grains";

    /// <summary>How soon a changed counter reports its total to its parent period. Keeps every period fresh within a second.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a changed counter may stay unwritten; changes in between share one write.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(1);

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
}
