using Orleans.Counters.Grains.Admission;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Which series a year admits: the decision alone, without a cluster.</summary>
public sealed class YearSeriesCapTests
{
    private static readonly SeriesId[] Urls = [.. Enumerable.Range(0, 5).Select(i => new SeriesId("pageview", $"/{i}"))];
    private static readonly SeriesId[] Referrers = [.. Enumerable.Range(0, 3).Select(i => SeriesId.OfReferrer("pageview", $"site{i}.example"))];

    [Fact]
    public void AdmitsInOrderWhileThereIsRoom_ThenRefusesEveryNewSeriesOfTheKindForGood()
    {
        var cap = new YearSeriesCap(MaxUrls: 2, MaxReferrers: 1, MaxPropertyValues: 1);
        var (first, next) = cap.Admit(new SeriesAdmissionState(), [Urls[0], Urls[1], Urls[2], Referrers[0], Referrers[1]]);

        Assert.Equal([true, true, false, true, false], first.AsEnumerable());
        Assert.NotNull(next);
        var (again, unchanged) = cap.Admit(next, [Urls[2], Urls[1], Urls[3], Referrers[1], Referrers[0]]);
        Assert.Equal([false, true, false, false, true], again.AsEnumerable());
        Assert.Null(unchanged);
    }

    [Fact]
    public void PropertyValuesAreAdmittedUnderACapOfTheirOwn()
    {
        var values = Enumerable.Range(0, 3).Select(i => SeriesId.OfProperty("pageview", i % 2 == 0 ? "plan" : "utm_source", $"v{i}")).ToArray();
        var cap = new YearSeriesCap(MaxUrls: 1, MaxReferrers: 1, MaxPropertyValues: 2);

        var (admitted, next) = cap.Admit(new SeriesAdmissionState(), [.. values, Urls[0], SeriesId.OverflowOf(values[2])]);

        Assert.Equal([true, true, false, true, true], admitted.AsEnumerable());
        Assert.Equal(2, next!.PropertyValues.Count);
        Assert.Single(next.Urls);
    }

    [Fact]
    public void TheHeldStateIsLeftAsItWas_SoThatAFailedWriteChangesNothing()
    {
        var held = new SeriesAdmissionState();
        var (_, next) = new YearSeriesCap(2, 2, 2).Admit(held, [Urls[0]]);

        Assert.Empty(held.Urls);
        Assert.Single(next!.Urls);
    }

    [Fact]
    public void AllUrlAndOverflowSeriesAreAlwaysAdmittedAndNeverStored()
    {
        var (admitted, next) = new YearSeriesCap(1, 1, 1).Admit(
            new SeriesAdmissionState(),
            [new SeriesId("pageview", SeriesKey.AllUrls), new SeriesId("pageview", SeriesId.Overflow), SeriesId.OfReferrer("pageview", SeriesId.Overflow)]);

        Assert.Equal([true, true, true], admitted.AsEnumerable());
        Assert.Null(next);
    }

    [Fact]
    public void AUnionPastTheCapKeepsWhatItHoldsAndAdmitsNothingNew()
    {
        var union = new SeriesAdmissionState { Urls = [.. Urls[..3].Select(SeriesFingerprint.Of)] };

        var (admitted, next) = new YearSeriesCap(2, 1, 1).Admit(union, [Urls[2], Urls[4]]);

        Assert.Equal([true, false], admitted.AsEnumerable());
        Assert.Null(next);
    }

    [Fact]
    public void AFingerprintTellsTypesAndValuesApart()
    {
        Assert.NotEqual(SeriesFingerprint.Of(new SeriesId("pageview", "/a")), SeriesFingerprint.Of(new SeriesId("click", "/a")));
        Assert.NotEqual(SeriesFingerprint.Of(new SeriesId("pageview", "/a")), SeriesFingerprint.Of(new SeriesId("pageview", "/b")));
        Assert.Equal(SeriesFingerprint.Of(new SeriesId("pageview", "/a")), SeriesFingerprint.Of(new SeriesId("pageview", "/a")));
    }
}
