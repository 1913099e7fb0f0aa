namespace Orleans.Counters.Postgres.Tests;

/// <summary>The stream namespace the end-to-end test publishes on.</summary>
public static class TestStreams
{
    /// <summary>The namespace <see cref="RecordingConsumerGrain"/> implicitly subscribes to.</summary>
    public const string Namespace = "postgres-stream-e2e";
}
