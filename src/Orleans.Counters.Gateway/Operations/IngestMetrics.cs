using System.Diagnostics.Metrics;
using Orleans.Counters.Hosting.Operations;

namespace Orleans.Counters.Gateway.Operations;

/// <summary>
/// The gateway's own instruments, on meter <see cref="MeterName"/>: events accepted, events refused by
/// reason, and how long an ingest request takes. <c>/metrics</c> shows them beside Orleans' and ASP.NET Core's.
/// </summary>
public sealed class IngestMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = CountersMeter.Name;

    // In seconds, from half a millisecond: the default boundaries (0, 5, 10, … 10,000) suit milliseconds.
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _accepted = meter.CreateCounter<long>("counters.events.accepted", "{event}", "Events accepted: put on the events stream to be counted.");
        _refused = meter.CreateCounter<long>("counters.events.refused", "{event}", "Events refused, by reason: invalid, malformed, too_large, unsupported_media_type, forbidden.");
        _duration = meter.CreateHistogram(
            "counters.ingest.duration",
            "s",
            "How long an ingest request takes, from its arrival to its answer.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>Counts accepted events.</summary>
    public void Accepted(int events) => _accepted.Add(events);

    /// <summary>Counts refused events; a request refused before its events were read counts as one.</summary>
    public void Refused(int events, string reason) => _refused.Add(events, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records an ingest request's duration.</summary>
    public void Took(TimeSpan elapsed, string endpoint) => _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("endpoint", endpoint));
}
