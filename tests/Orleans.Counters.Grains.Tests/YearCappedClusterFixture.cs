using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A cluster whose accounts' years keep few URL and referrer series, while each hour shard has room for a
/// whole year's: what goes to <c>(other)</c> there is the year cap's doing alone.
/// </summary>
public sealed class YearCappedClusterFixture : ClusterFixture
{
    /// <summary>The URL series an account's year keeps.</summary>
    public const int MaxUrlsPerYear = 10;

    /// <summary>The referrer series an account's year keeps.</summary>
    public const int MaxReferrersPerYear = 5;

    /// <inheritdoc />
    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.Configure<CounterOptions>(options =>
        {
            options.MaxUrlsPerYear = MaxUrlsPerYear;
            options.MaxReferrersPerYear = MaxReferrersPerYear;
            options.MaxUrlsPerHour = MaxUrlsPerYear * CounterGroup.ShardCount;
            options.MaxReferrersPerHour = MaxReferrersPerYear * CounterGroup.ShardCount;
        });
}
