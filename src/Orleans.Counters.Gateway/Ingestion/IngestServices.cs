using Microsoft.Extensions.Options;
using Orleans.Counters.Gateway.Operations;
using Orleans.Counters.Gateway.Website;

namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>What <c>POST /api/events</c> uses, bound from the request's services in one parameter.</summary>
/// <param name="Limits">The body and batch size limits.</param>
/// <param name="Intake">Validates events and puts them on the events stream.</param>
/// <param name="Metrics">Counts accepted and refused events and times requests.</param>
/// <param name="Clock">The server's clock: an event without a timestamp happened when it arrived.</param>
/// <param name="Origins">The origins each account allows, for requests from web pages.</param>
public sealed record IngestServices(IOptions<IngestLimits> Limits, EventIntake Intake, IngestMetrics Metrics, TimeProvider Clock, AccountOrigins Origins);
