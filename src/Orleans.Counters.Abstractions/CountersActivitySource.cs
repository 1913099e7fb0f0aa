using System.Diagnostics;

namespace Orleans.Counters;

/// <summary>
/// The counters' own spans: an event's trace goes from the gateway's request through the stream (whose
/// messages carry the requests' trace contexts, <see cref="Events.EventBatch.TraceParents"/>) to the
/// ingest grain, and from there through Orleans' own grain-call spans to the hour grains.
/// </summary>
public static class CountersActivitySource
{
    /// <summary>The source's name, the meter's (<see cref="CountersMeter.Name"/>).</summary>
    public const string Name = CountersMeter.Name;

    /// <summary>The source. It costs nothing while nothing listens (no OTLP exporter is configured).</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The most trace contexts one message carries: a message can join the events of thousands of requests.</summary>
    public const int MaxTraceParents = 16;

    /// <summary>
    /// The current span's W3C traceparent, to carry in a message; null outside a trace, or while nothing listens
    /// (ASP.NET Core starts an activity for its logs alone, which no one exports).
    /// </summary>
    public static string? CurrentTraceParent() =>
        Source.HasListeners() && Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The trace contexts a message carries: the distinct ones of its requests, at most <see cref="MaxTraceParents"/>.</summary>
    public static ImmutableArray<string> TraceParentsOf(IEnumerable<string?> requests) =>
        [.. requests.OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxTraceParents)];

    /// <summary>
    /// Starts the span of handling a message: a child of the first request it carries events of, linked
    /// to the others (a message joins the events of several requests). Null while nothing listens.
    /// </summary>
    public static Activity? StartConsumer(string name, ImmutableArray<string> traceParents, string account)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var contexts = (traceParents.IsDefault ? [] : traceParents)
            .Select(parent => ActivityContext.TryParse(parent, null, out var context) ? context : default)
            .Where(context => context != default)
            .ToList();
        var activity = Source.StartActivity(
            name,
            ActivityKind.Consumer,
            contexts.Count > 0 ? contexts[0] : default,
            tags: [new("counters.account", account)],
            links: contexts.Skip(1).Select(context => new ActivityLink(context)));
        return activity;
    }
}
