namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// One gateway of a <see cref="CountersCluster"/>: its own loopback port, the HTTP and stats clients
/// that talk to it, and its process while it runs. The port stays the gateway's across restarts, so a
/// client finds it again where it was.
/// </summary>
public sealed class ClusterGateway : IDisposable
{
    internal ClusterGateway(int index)
    {
        Index = index;
        Http = new HttpClient { BaseAddress = HostArguments.FreeUrl() };
        Client = new StatsClient(Http);
    }

    /// <summary>Its place in <see cref="CountersCluster.Gateways"/>.</summary>
    public int Index { get; }

    /// <summary>A client for this gateway.</summary>
    public HttpClient Http { get; }

    /// <summary>The stats API client for this gateway.</summary>
    public StatsClient Client { get; }

    /// <summary>The gateway process, while one runs.</summary>
    public ProcessHost? Process { get; internal set; }

    /// <inheritdoc />
    public void Dispose() => Http.Dispose();
}
