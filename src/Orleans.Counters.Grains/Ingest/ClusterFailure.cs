namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Tells a failure of the cluster (a silo that died and is not yet declared dead, a call that timed out) from a
/// failure of the message. The first passes once membership catches up; counted against the message, a silo's
/// death during a load made its accounts' next messages dead letters within seconds.
/// </summary>
public static class ClusterFailure
{
    /// <summary>True when <paramref name="exception"/>, or one it wraps, is the cluster's failure, not the message's.</summary>
    public static bool Is(Exception exception) => exception switch
    {
        OrleansMessageRejectionException or SiloUnavailableException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        { InnerException: { } inner } => Is(inner),
        _ => false,
    };
}
