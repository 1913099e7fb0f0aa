using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Counters.Grains.Ingest;
using Orleans.Hosting;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A cluster whose ingest grains' messages, down to the trace line of each message applied, are kept for the test to read.</summary>
public sealed class IngestLogClusterFixture : ClusterFixture
{
    private static readonly string Category = typeof(IngestGrain).FullName!;

    /// <summary>What the ingest grains of both silos logged.</summary>
    public CapturedLog Log { get; } = new(Category);

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.AddLogging(logging => logging.AddProvider(Log).AddFilter<CapturedLog>(Category, LogLevel.Trace));
}
