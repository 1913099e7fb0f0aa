using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Counters.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// The crawler list is built while the silo starts: built by the first ingest activation instead, it
/// held that delivery (and a silo's stop, which waits for deliveries in flight) for seconds under load.
/// </summary>
public sealed class BotDetectorWarmUpTests
{
    [Fact]
    public async Task TheCrawlerListIsReadBeforeTheSiloTakesAnyEvent()
    {
        var log = new CapturedLog(typeof(CrawlerListDetector).FullName!);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddCounterGrainServices(new ConfigurationBuilder().Build())
            .AddCounterMemoryStorage()
            .AddCounterStreams()
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)));
        builder.ConfigureClient(client => client.AddCounterStreams());
        await using var cluster = builder.Build();

        await cluster.DeployAsync();

        // No event sent, no grain called: only the silo's start can have built it.
        Assert.Contains(log.Messages, message => message.StartsWith("Crawler list ", StringComparison.Ordinal));
    }
}
