using Microsoft.Extensions.Options;
using Orleans.Counters.Gateway.Ingestion;

namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>What the Spring-compatible handlers use, bound from the request's services in one parameter.</summary>
/// <param name="Intake">Counts events the way <c>POST /api/events</c> does.</param>
/// <param name="Counters">Reads counts.</param>
/// <param name="Clock">The server's clock.</param>
/// <param name="IngestLimits">The body size limit.</param>
/// <param name="EventLimits">How far ahead of the clock an event may lie.</param>
public sealed record SpringEventCounterServices(
    EventIntake Intake,
    CounterReader Counters,
    TimeProvider Clock,
    IOptions<IngestLimits> IngestLimits,
    IOptions<EventLimits> EventLimits);
