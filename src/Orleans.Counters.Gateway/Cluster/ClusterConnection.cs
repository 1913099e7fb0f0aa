namespace Orleans.Counters.Gateway.Cluster;

/// <summary>
/// Connects the gateway's Orleans client to the cluster in the background, in place of the client's
/// own hosted service. That one holds the host's start until a silo answers, so the gateway did not
/// even listen while no silo ran, and gave up (the process exiting) after about three minutes; now
/// the gateway serves at once, its API answering 503 (<see cref="ClusterGate"/>) until connected.
/// </summary>
public sealed class ClusterConnection(IClusterClient client, IHostApplicationLifetime lifetime, ILogger<ClusterConnection> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _connecting = Task.CompletedTask;
    private volatile bool _connected;

    /// <summary>True once the client has reached a silo and started; calls through it can be made.</summary>
    public bool IsConnected => _connected;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = Task.Run(ConnectAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _connecting;
        if (_connected)
        {
            await ((IHostedService)client).StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task ConnectAsync()
    {
        try
        {
            // Retries until a silo answers or the gateway stops (ClusterConnectionRetry).
            await ((IHostedService)client).StartAsync(_stopping.Token);
            _connected = true;
            Log.Connected(logger);
        }
        catch (Exception exception) when (_stopping.IsCancellationRequested)
        {
            Log.StoppedBeforeConnecting(logger, exception.GetType().Name);
        }
        catch (Exception exception)
        {
            // Past the connection (a stream provider failing to start, say): as fatal as it was when
            // the client's own hosted service failed the host's start.
            Log.ClientFailed(logger, exception);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}
