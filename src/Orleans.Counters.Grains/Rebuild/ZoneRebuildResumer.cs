using Microsoft.Extensions.Hosting;
using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Rebuild;

/// <summary>
/// Has the registry resume every time zone rebuild now and then, so that one whose silo died goes on in another
/// silo, with no reminder table to keep. Every silo does it; a rebuild running already ignores the call.
/// </summary>
public sealed partial class ZoneRebuildResumer(IGrainFactory grains, ILogger<ZoneRebuildResumer> logger) : BackgroundService
{
    /// <summary>How often the rebuilds are asked to go on.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<IZoneRebuildRegistryGrain>(SeriesKey.AllAccounts).ResumeAllAsync();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo is still joining, or the registry's storage is away: the next tick asks again.
                LogResumeFailed(exception);
            }
        }
    }

    [LoggerMessage(EventId = 4113, Level = LogLevel.Debug, Message = "Could not ask the time zone rebuilds to go on; asking again on the next tick")]
    private partial void LogResumeFailed(Exception exception);
}
