using Microsoft.Extensions.Configuration;
using Orleans.Counters.Gateway.SpringCompatibility;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Where the Spring event-counter endpoints' settings are read: <c>Counters:SpringEventCounter</c>, or its
/// first name <c>Counters:Seed001</c> when only that is set, so that configurations written before the
/// rename keep working.
/// </summary>
public sealed class SpringEventCounterSettingsTests
{
    [Fact]
    public void TheSection_IsRead()
    {
        var settings = Configuration(("Counters:SpringEventCounter:Account", "shop"), ("Counters:SpringEventCounter:FirstYear", "2021")).GetCountersOptions<SpringEventCounterSettings>();

        Assert.Equal(("shop", 2021), (settings.Account, settings.FirstYear));
    }

    [Fact]
    public void TheLegacySection_IsReadWhenTheSectionIsAbsent()
    {
        var configuration = Configuration(("Counters:Seed001:Account", "legacy"));

        Assert.Equal("legacy", configuration.GetCountersOptions<SpringEventCounterSettings>().Account);
        Assert.True(SpringEventCounterSettings.ComeFromLegacySection(configuration));
    }

    [Fact]
    public void TheSection_WinsOverTheLegacySection()
    {
        var configuration = Configuration(("Counters:Seed001:Account", "legacy"), ("Counters:SpringEventCounter:Account", "current"));

        Assert.Equal("current", configuration.GetCountersOptions<SpringEventCounterSettings>().Account);
        Assert.False(SpringEventCounterSettings.ComeFromLegacySection(configuration));
    }

    [Fact]
    public void NeitherSection_GivesTheDefaults()
    {
        var settings = Configuration().GetCountersOptions<SpringEventCounterSettings>();

        Assert.Equal(("default", 2020), (settings.Account, settings.FirstYear));
    }

    [Fact]
    public void AnInvalidAccount_StopsTheStart_NamingTheKeyThatWasSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configuration(("Counters:Seed001:Account", "all")).GetCountersOptions<SpringEventCounterSettings>());

        Assert.StartsWith("Counters:Seed001:Account 'all'", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
