using Orleans.Counters.Bench.Load;

namespace Orleans.Counters.Bench.Tests;

/// <summary>
/// The background load under queries and freshness runs at half the batch rate the run measured, unless
/// <c>--background-rate</c> names one: how a load seen in one run is put on the steps of another.
/// </summary>
public sealed class BackgroundRateTests
{
    private static readonly ThroughputOutcome Measured = new(500_000, TimeSpan.FromSeconds(5), "batch");

    [Fact]
    public void Without_the_option_the_background_runs_at_half_the_measured_batch_rate_or_the_fallback()
    {
        Assert.True(BenchOptions.TryParse([], out var options, out _));
        var profile = BenchProfile.Full with { BackgroundRate = options.BackgroundRate };

        Assert.Equal(50_000, BackgroundIngestion.RateFor(Measured, profile));
        Assert.Equal(profile.BackgroundFallbackRate, BackgroundIngestion.RateFor(null, profile));
    }

    [Fact]
    public void The_option_sets_the_rate_of_every_background_load()
    {
        Assert.True(BenchOptions.TryParse(["--background-rate", "90000", "--only", "Freshness"], out var options, out _));
        var profile = BenchProfile.Full with { BackgroundRate = options.BackgroundRate };

        Assert.Equal(90_000, options.BackgroundRate);
        Assert.Equal(90_000, BackgroundIngestion.RateFor(Measured, profile));
        Assert.Equal(90_000, BackgroundIngestion.RateFor(null, profile));
        Assert.Contains("--background-rate 90000", options.Command);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("fast")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    public void A_rate_that_is_not_a_positive_number_is_refused_with_the_usage(string rate)
    {
        Assert.False(BenchOptions.TryParse(["--background-rate", rate], out _, out var usage));
        Assert.Contains("--background-rate", usage);
    }
}
