namespace Orleans.Counters.Bench.Tests;

public sealed class TargetTests
{
    [Fact]
    public void A_ratio_target_is_met_at_its_bound_and_not_below()
    {
        var target = Target.RatioAtLeast(2.0);

        Assert.True(target.IsMetBy(Figure(ratio: 2.0)));
        Assert.False(target.IsMetBy(Figure(ratio: 1.999)));
    }

    [Fact]
    public void A_ratio_target_without_its_baseline_has_no_verdict()
    {
        Assert.Null(Target.RatioAtLeast(1.0).IsMetBy(Figure(ratio: null)));
    }

    [Fact]
    public void An_upper_bound_is_checked_on_the_value_not_the_ratio()
    {
        var target = Target.AtMost(5, "5 ms");

        Assert.True(target.IsMetBy(Figure(ratio: 99, value: 5)));
        Assert.False(target.IsMetBy(Figure(ratio: 0.1, value: 5.001)));
    }

    [Fact]
    public void A_moonshot_reads_after_the_target()
    {
        Assert.Equal("≥ 1.0 (moonshot 2.0)", Target.RatioAtLeast(1.0, "moonshot 2.0").ToString());
        Assert.Equal("≤ 1 s", Target.AtMost(1_000, "1 s").ToString());
    }

    private static Figure Figure(double? ratio, double value = 100) =>
        new("figure", value, Units.Milliseconds, ratio is null ? null : "baseline", ratio is null ? null : 50, ratio);
}
