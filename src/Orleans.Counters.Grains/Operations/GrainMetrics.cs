using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Orleans.Counters.Grains.Operations;

/// <summary>
/// The silo's own instruments, on meter <see cref="MeterName"/> beside the gateway's: counter grains
/// active by kind, the freshness lag, from a message put on the events stream to its events
/// counted in their hours (readable from then on), the events counted in an overflow series, and the progress of
/// the time zone rebuilds running in this silo.
/// </summary>
public sealed class GrainMetrics
{
    /// <summary>The meter's name, shared with the gateway's instruments.</summary>
    public const string MeterName = CountersMeter.Name;

    // From 10 ms to 5 minutes: a message replayed after a silo died can be minutes late.
    private static readonly double[] LagBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _staleActivations;
    private readonly Histogram<double> _freshnessLag;
    private readonly Counter<long> _overflowed;

    // Per account whose rebuild runs here: the former zone's hour groups moved and found.
    private readonly ConcurrentDictionary<string, (int Done, int Total)> _rebuilds = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public GrainMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _activations = meter.CreateUpDownCounter<long>(
            "counters.grain.activations", "{activation}", "Counter grains active in this silo, by kind: ingest, hour, day, month, year.");

        _staleActivations = meter.CreateCounter<long>(
            "counters.grain.stale_activations",
            "{activation}",
            "Counter activations that found another activation of the same grain had written their record (a duplicate activation), by kind and by what found it: a read's check or a refused write. Each deactivates without writing.");

        _freshnessLag = meter.CreateHistogram(
            "counters.freshness.lag",
            "s",
            "From a message put on the events stream to its events counted in their hours. Clocks of publisher and silo both count.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });

        _overflowed = meter.CreateCounter<long>(
            "counters.series.overflow",
            "{event}",
            "Events counted as (other): by kind url or referrer, those whose URL or referrer an hour (cap hour) or its year (cap year) had no series left for, counted in their type's (other) series; by kind type, those of a type their account had no room for (cap account), counted as type (other).");

        meter.CreateObservableGauge(
            "counters.zone_rebuild.hours",
            () => _rebuilds.SelectMany(rebuild => new[]
            {
                new Measurement<long>(rebuild.Value.Done, new KeyValuePair<string, object?>("account", rebuild.Key), new KeyValuePair<string, object?>("state", "moved")),
                new Measurement<long>(rebuild.Value.Total, new KeyValuePair<string, object?>("account", rebuild.Key), new KeyValuePair<string, object?>("state", "found")),
            }),
            "{hour}",
            "The hour groups of an account's former time zone that a rebuild running in this silo found (state found) and moved into the new zone (state moved); gone once it is done.");
    }

    /// <summary>Records how far an account's time zone rebuild has come.</summary>
    public void RebuildProgress(string account, int done, int total) => _rebuilds[account] = (done, total);

    /// <summary>Drops an account's rebuild from the gauge: it is done, or its activation went away.</summary>
    public void RebuildStopped(string account) => _rebuilds.TryRemove(account, out _);

    /// <summary>Counts an activation of a kind.</summary>
    public void Activated(string kind) => _activations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts a deactivation of a kind.</summary>
    public void Deactivated(string kind) => _activations.Add(-1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts an activation that found itself stale: another activation of its grain wrote.</summary>
    public void StaleActivation(string kind, string detectedBy) =>
        _staleActivations.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("detected_by", detectedBy));

    /// <summary>Records a message's lag, when it says when it was published.</summary>
    public void Counted(DateTime? publishedAt, DateTime now)
    {
        if (publishedAt is { } published)
        {
            _freshnessLag.Record(Math.Max(0, (now - published).TotalSeconds));
        }
    }

    /// <summary>
    /// Counts events counted as <c>(other)</c>; <paramref name="kind"/> is <c>url</c>, <c>referrer</c> or
    /// <c>type</c>, <paramref name="cap"/> the cap that sent them there: <c>hour</c> or <c>year</c> (the
    /// account's series per hour or per year) for URLs and referrers, <c>account</c> for types.
    /// </summary>
    public void CountedInOverflow(string kind, long events, string cap)
    {
        if (events > 0)
        {
            _overflowed.Add(events, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("cap", cap));
        }
    }
}
