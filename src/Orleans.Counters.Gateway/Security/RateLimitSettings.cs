namespace Orleans.Counters.Gateway.Security;

/// <summary>
/// Requests allowed per key, as token buckets. Section <c>Counters:RateLimits</c>. The admin key,
/// and everyone in open mode, is not limited.
/// </summary>
public sealed class RateLimitSettings : ICountersOptions<RateLimitSettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:RateLimits";

    /// <summary>Each ingest key: one site's visitors all send with it, so it is generous; batch for more.</summary>
    public RateLimit Ingest { get; set; } = new() { PermitsPerSecond = 1000, Burst = 2000 };

    /// <summary>Each read key: a dashboard polling every second makes a few requests a second.</summary>
    public RateLimit Read { get; set; } = new() { PermitsPerSecond = 50, Burst = 100 };

    /// <summary>Each client address without a valid key: probes, scrapes, and guesses.</summary>
    public RateLimit Anonymous { get; set; } = new() { PermitsPerSecond = 20, Burst = 40 };

    static string ICountersOptions<RateLimitSettings>.Section => Section;

    /// <summary>One bucket's size and refill.</summary>
    public sealed class RateLimit
    {
        /// <summary>Requests a second, on average.</summary>
        public int PermitsPerSecond { get; set; }

        /// <summary>Requests at once after a quiet spell: the bucket's size.</summary>
        public int Burst { get; set; }
    }
}
