using Orleans.Counters.Gateway.Operations;

namespace Orleans.Counters.Gateway.Ingestion.Import;

/// <summary>What <c>POST /api/import</c> uses, bound from the request's services in one parameter.</summary>
/// <param name="Limits">The body and batch size limits of an import.</param>
/// <param name="Importer">Validates events and writes them to the durable queue.</param>
/// <param name="Metrics">Counts accepted and refused events and times requests.</param>
/// <param name="Clock">The server's clock.</param>
public sealed record ImportServices(IOptions<ImportLimits> Limits, EventImporter Importer, IngestMetrics Metrics, TimeProvider Clock);
