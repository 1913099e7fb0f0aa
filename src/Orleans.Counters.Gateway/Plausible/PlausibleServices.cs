using Orleans.Counters.Gateway.Ingestion;
using Orleans.Counters.Gateway.Operations;

namespace Orleans.Counters.Gateway.Plausible;

/// <summary>What <c>POST /api/event</c> uses, bound from the request's services in one parameter.</summary>
/// <param name="Intake">Validates events and puts them on the events stream.</param>
/// <param name="Domains">Which account a site domain belongs to.</param>
/// <param name="Metrics">Counts accepted and refused events and times requests.</param>
/// <param name="Clock">The server's clock: the event happened when it arrived.</param>
public sealed record PlausibleServices(EventIntake Intake, DomainAccounts Domains, IngestMetrics Metrics, TimeProvider Clock);
