using System.Collections.Concurrent;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>What the test consumers received, in the order they received it (the cluster runs in this process).</summary>
public static class Deliveries
{
    private static readonly ConcurrentQueue<Delivery> Received = new();

    /// <summary>Records a delivery.</summary>
    public static void Record(Delivery delivery) => Received.Enqueue(delivery);

    /// <summary>The deliveries to streams whose key starts with <paramref name="keyPrefix"/>.</summary>
    public static List<Delivery> Of(string keyPrefix) => [.. Received.Where(d => d.Key.StartsWith(keyPrefix, StringComparison.Ordinal))];
}
