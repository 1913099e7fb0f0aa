namespace Orleans.Counters.Bench.Reporting;

/// <summary>What every reader of the figures should know about how they are taken.</summary>
public static class MethodNotes
{
    /// <summary>One line per caveat, printed under the figures.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "Everything runs on the same cores: the load generator (this bench process), the servers, and whatever else the machine is doing (see the load average). A light server, such as bare Kestrel, shares the cores with the generator more than a heavy one does.",
        "Single-event latencies come from a closed loop (each connection waits for its answer before sending again), so they leave out the queueing an open-loop load at a fixed rate would see (coordinated omission).",
        "The Redis baseline includes the client's work, as seed 000's aggregator did: building 8 keys per event and StackExchange.Redis' cost per command. redis-benchmark's C client gets more commands per second from the same server.",
        "The PostgreSQL baseline and durable mode share one throwaway server started by scripts/postgres-server.sh, whose settings are in the Machine table: with fsync off, a commit costs less than on a production server.",
        "Batch ingestion counts from the first POST until the all-accounts year query shows every event, after a warm-up over the same series: steady state, not start-up.",
        "Every \"until visible\" figure includes the time counts take to roll up to the year (about 0.3 s, see freshness): a short run, such as a quick one, is dominated by it, and its events/s say little about throughput.",
        "Queries under ingestion and the background load run open loop at fixed rates (latency counted from when each request was due), the background at half the batch ingestion rate measured for the same mode in the same run. Their ratio to the bare Kestrel p50/p99 is context only: that baseline is a saturated closed loop of POSTs, not queries.",
        "Freshness is the time from a single event's 202 until its account's year query counts it, polled every 10 ms (the resolution), by samplers each with an account of their own, while the background load runs.",
        "Memory per series-hour: a gateway of its own (default mode, silo in the same process) is measured after a full GC forced from outside through the .NET diagnostics port (EventPipe, GCHeapCollect, as dotnet-gcdump does), before the load and once every event is visible. The GC heap is the size that GC reports; RSS is VmRSS from /proc and also holds what the server GC keeps committed. The growth includes the day, month and year counters above the hours and the memory stream's cache of the events, divided by the series-hours of the URL, account-wide and all-accounts series.",
        "The series-count scan gives each step an event type of its own, so its counters start cold: with more series than events every event opens a new series, which is what many distinct series cost.",
    ];
}
