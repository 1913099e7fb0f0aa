using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Grains.Fencing;

/// <summary>
/// Records a <see cref="ClusterDisturbances"/> disturbance whenever the cluster's membership
/// changes after this silo became active: the grain directory moves ranges then, and that is when
/// Orleans can leave a grain with two activations (docs/exactly-once.md item 10).
/// </summary>
public sealed partial class MembershipDisturbanceWatcher(
    IClusterMembershipService membership,
    ClusterDisturbances disturbances,
    ILogger<MembershipDisturbanceWatcher> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MembershipDisturbanceWatcher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(WatchAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync()
    {
        MembershipVersion? seen = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                if (seen is { } previous && snapshot.Version > previous)
                {
                    disturbances.Record();
                    LogMembershipChanged(logger, snapshot.Version.Value);
                }

                seen = snapshot.Version;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Membership changed (version {Version}): counter activations check their state against storage before answering")]
    private static partial void LogMembershipChanged(ILogger logger, long version);
}
