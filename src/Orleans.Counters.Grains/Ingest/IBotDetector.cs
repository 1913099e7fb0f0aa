namespace Orleans.Counters.Grains.Ingest;

/// <summary>Tells the user agents of crawlers, whose events count apart, as bots.</summary>
public interface IBotDetector
{
    /// <summary>True when <paramref name="userAgent"/> is a crawler's.</summary>
    bool IsBot(string userAgent);
}
