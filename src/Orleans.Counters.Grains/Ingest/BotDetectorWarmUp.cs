using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Builds the silo's <see cref="IBotDetector"/> while the silo starts, before it joins the cluster.
/// The crawler list compiles into one large non-backtracking regex, which takes a while (seconds on
/// two loaded cores); built lazily, it was built by the first ingest activation, blocking that
/// activation's thread and every other ingest activation waiting for the same singleton. On a silo
/// stopped soon after it took its first events, the stream provider's stop waited for exactly those
/// deliveries: most of a 9 s graceful stop under load.
/// </summary>
public sealed class BotDetectorWarmUp(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BotDetectorWarmUp), ServiceLifecycleStage.ApplicationServices, BuildAsync);

    private Task BuildAsync(CancellationToken cancellationToken) =>
        // Off the lifecycle's thread, so that other participants of the stage start meanwhile.
        Task.Run(() => services.GetRequiredService<IBotDetector>(), cancellationToken);
}
