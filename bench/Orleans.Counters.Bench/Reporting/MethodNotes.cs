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
    ];
}
