using System.Diagnostics.Metrics;

namespace Orleans.Counters.Grains.Operations;

/// <summary>
/// The silo's own instruments, on meter <see cref="MeterName"/> beside the gateway's: counter grains
/// active by kind, the freshness lag, from a message put on the events stream to its events
/// counted in their hours (readable from then on), and the events counted in an overflow series.
/// </summary>
public static class GrainMetrics
{
    /// <summary>The meter's name, shared with the gateway's instruments.</summary>
    public const string MeterName = "Orleans.Counters";

    // From 10 ms to 5 minutes: a message replayed after a silo died can be minutes late.
    private static readonly double[] LagBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private static readonly Meter Meter = new(MeterName);

    private static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>(
        "counters.grain.activations", "{activation}", "Counter grains active in this silo, by kind: ingest, hour, day, month, year.");

    private static readonly Counter<long> StaleActivations = Meter.CreateCounter<long>(
        "counters.grain.stale_activations",
        "{activation}",
        "Counter activations that found another activation of the same grain had written their record (a duplicate activation), by kind and by what found it: a read's check or a refused write. Each deactivates without writing.");

    private static readonly Histogram<double> FreshnessLag = Meter.CreateHistogram(
        "counters.freshness.lag",
        "s",
        "From a message put on the events stream to its events counted in their hours. Clocks of publisher and silo both count.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });

    private static readonly Counter<long> Overflowed = Meter.CreateCounter<long>(
        "counters.series.overflow",
        "{event}",
        "Events counted as (other): by kind url or referrer, those whose URL or referrer an hour (cap hour) or its year (cap year) had no series left for, counted in their type's (other) series; by kind type, those of a type their account had no room for (cap account), counted as type (other).");

    /// <summary>Counts an activation of a kind.</summary>
    public static void Activated(string kind) => Activations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts a deactivation of a kind.</summary>
    public static void Deactivated(string kind) => Activations.Add(-1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts an activation that found itself stale: another activation of its grain wrote.</summary>
    public static void StaleActivation(string kind, string detectedBy) =>
        StaleActivations.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("detected_by", detectedBy));

    /// <summary>Records a message's lag, when it says when it was published.</summary>
    public static void Counted(DateTime? publishedAt, DateTime now)
    {
        if (publishedAt is { } published)
        {
            FreshnessLag.Record(Math.Max(0, (now - published).TotalSeconds));
        }
    }

    /// <summary>
    /// Counts events counted as <c>(other)</c>; <paramref name="kind"/> is <c>url</c>, <c>referrer</c> or
    /// <c>type</c>, <paramref name="cap"/> the cap that sent them there: <c>hour</c> or <c>year</c> (the
    /// account's series per hour or per year) for URLs and referrers, <c>account</c> for types.
    /// </summary>
    public static void CountedInOverflow(string kind, long events, string cap)
    {
        if (events > 0)
        {
            Overflowed.Add(events, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("cap", cap));
        }
    }
}
