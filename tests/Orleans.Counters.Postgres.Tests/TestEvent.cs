namespace Orleans.Counters.Postgres.Tests;

/// <summary>An event the tests put on streams.</summary>
[GenerateSerializer, Alias("counters.tests.postgres-stream-event")]
public sealed record TestEvent([property: Id(0)] string Text)
{
    /// <summary>Events whose text starts so take <see cref="SlowDelay"/> to consume.</summary>
    public const string SlowPrefix = "slow:";

    /// <summary>How long a slow event takes to consume.</summary>
    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(6);
}
