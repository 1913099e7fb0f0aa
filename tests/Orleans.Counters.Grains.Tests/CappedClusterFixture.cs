using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A cluster whose hours keep few URL, referrer and property value series, and accounts few types and property names, so that a test reaches the caps with a handful of events.</summary>
public sealed class CappedClusterFixture : ClusterFixture
{
    /// <summary>The URL series an account's hour keeps: 2 per shard.</summary>
    public const int MaxUrlsPerHour = 2 * CounterGroup.ShardCount;

    /// <summary>The referrer series an account's hour keeps: 1 per shard.</summary>
    public const int MaxReferrersPerHour = CounterGroup.ShardCount;

    /// <summary>The event types an account keeps.</summary>
    public const int MaxTypes = 3;

    /// <summary>The property names an account breaks its counts down by.</summary>
    public const int MaxPropertyNames = 2;

    /// <summary>The property value series an account's hour keeps: 2 per shard.</summary>
    public const int MaxPropertyValuesPerHour = 2 * CounterGroup.ShardCount;

    /// <inheritdoc />
    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.Configure<CounterOptions>(options =>
        {
            options.MaxUrlsPerHour = MaxUrlsPerHour;
            options.MaxReferrersPerHour = MaxReferrersPerHour;
            options.MaxTypes = MaxTypes;
            options.MaxPropertyNames = MaxPropertyNames;
            options.MaxPropertyValuesPerHour = MaxPropertyValuesPerHour;
        });
}
