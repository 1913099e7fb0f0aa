namespace Orleans.Counters.Gateway;

/// <summary>
/// The gateway's start-up messages. Each area of the gateway logs through its own <c>Log</c> class,
/// in its folder, with event ids from its own range, so that an id names its area at a glance and two
/// areas never collide (the grains use 4000–4999):
/// <list type="table">
/// <item><term>2000–2099</term><description>start-up (this class)</description></item>
/// <item><term>2100–2199</term><description>Cluster: the connection to the silos</description></item>
/// <item><term>2200–2299</term><description>Security: keys and open mode</description></item>
/// <item><term>2300–2399</term><description>Problems: requests answered 4xx/5xx by an exception handler</description></item>
/// <item><term>2400–2499</term><description>the durable queue's metrics (2401, now in Orleans.Counters.Postgres' QueueMetrics)</description></item>
/// <item><term>5000–5999</term><description>Orleans.Counters.Postgres (its schema migrator)</description></item>
/// <item><term>2500–2599</term><description>SpringCompatibility: the Spring event-counter service's API</description></item>
/// <item><term>2600–2999</term><description>reserved: Ingestion, Stats, Accounts, Dashboard</description></item>
/// </list>
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Orleans.Counters gateway: storage {Storage}, events stream {Streams}, {Hosting}")]
    public static partial void Mode(ILogger logger, StorageMode storage, StorageMode streams, string hosting);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Counts live in memory only: they are lost when this process stops. Set Counters__Storage=PostgreSql and ConnectionStrings__Counters for durable counts.")]
    public static partial void MemoryOnly(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Events travel on memory streams: events accepted but not yet counted are lost when a silo dies. Remove Counters__Streams=Memory for the durable queue.")]
    public static partial void MemoryStream(ILogger logger);
}
