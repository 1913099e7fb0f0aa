namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// How a throwaway <c>redis-server</c> keeps its data: not at all (seed 000's setting, the fastest), or in
/// an append-only file synced every second or on every write, so that durable compares with durable.
/// </summary>
/// <param name="Label">How figure names and details say it, such as "appendfsync always".</param>
/// <param name="Arguments">The redis-server arguments that set it.</param>
public sealed record RedisPersistence(string Label, IReadOnlyList<string> Arguments)
{
    /// <summary>No RDB snapshots, no append-only file.</summary>
    public static RedisPersistence None { get; } = new("without persistence", ["--save", "", "--appendonly", "no"]);

    /// <summary>Append-only file, fsync once a second: Redis' default when AOF is on; a crash loses up to a second.</summary>
    public static RedisPersistence EverySecond { get; } =
        new("appendonly yes, appendfsync everysec", ["--save", "", "--appendonly", "yes", "--appendfsync", "everysec"]);

    /// <summary>Append-only file, fsync before each write is answered: nothing answered is lost.</summary>
    public static RedisPersistence Always { get; } =
        new("appendonly yes, appendfsync always", ["--save", "", "--appendonly", "yes", "--appendfsync", "always"]);

    /// <summary>The three, fastest first.</summary>
    public static IReadOnlyList<RedisPersistence> All { get; } = [None, EverySecond, Always];

    /// <inheritdoc />
    public override string ToString() => Label;
}
