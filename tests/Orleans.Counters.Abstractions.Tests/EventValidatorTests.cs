namespace Orleans.Counters.Abstractions.Tests;

public sealed class EventValidatorTests
{
    private static readonly DateTime Now = new(2025, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private readonly List<FieldError> _errors = [];

    [Fact]
    public void MinimalEvent_IsAccepted()
    {
        var accepted = Validate(Valid());

        Assert.NotNull(accepted);
        Assert.Empty(_errors);
        Assert.Equal("acme", accepted.Account);
        Assert.Equal("pageview", accepted.Type);
        Assert.Null(accepted.Url);
        Assert.Null(accepted.UserId);
        Assert.Null(accepted.Id);
        Assert.Null(accepted.Value);
        Assert.Null(accepted.Properties);
    }

    [Fact]
    public void FullEvent_IsCopiedIntoTheCounterEvent()
    {
        var accepted = Validate(Valid() with
        {
            Url = "/pricing",
            UserId = "user-1",
            Id = "key-1",
            Value = 12.5,
            Timestamp = new DateTimeOffset(Now.AddMinutes(-1)),
            Properties = new Dictionary<string, string> { ["referrer"] = "https://example.com/" },
        });

        Assert.NotNull(accepted);
        Assert.Equal("/pricing", accepted.Url);
        Assert.Equal("user-1", accepted.UserId);
        Assert.Equal("key-1", accepted.Id);
        Assert.Equal(12.5, accepted.Value);
        Assert.Equal(Now.AddMinutes(-1), accepted.Timestamp);
        Assert.NotNull(accepted.Properties);
        Assert.Equal("https://example.com/", accepted.Properties["referrer"]);
    }

    [Fact]
    public void EmptyProperties_BecomeNull() =>
        Assert.Null(Validate(Valid() with { Properties = new Dictionary<string, string>() })!.Properties);

    [Fact]
    public void MissingAccount_IsRequired() => AssertRefused(Valid() with { Account = null }, "account");

    [Fact]
    public void EmptyAccount_IsRequired() => AssertRefused(Valid() with { Account = "" }, "account");

    [Fact]
    public void MissingType_IsRequired() => AssertRefused(Valid() with { Type = null }, "type");

    [Fact]
    public void EmptyType_IsRequired() => AssertRefused(Valid() with { Type = "" }, "type");

    [Theory]
    [InlineData("a")]
    [InlineData("acme")]
    [InlineData("Acme-Corp_2.eu")]
    [InlineData("...")]
    [InlineData("0123456789")]
    public void NameOfAllowedCharacters_IsAcceptedAsAccountAndType(string name)
    {
        Assert.NotNull(Validate(Valid() with { Account = name }));
        Assert.NotNull(Validate(Valid() with { Type = name }));
        Assert.Empty(_errors);
    }

    [Fact]
    public void NameOf64Characters_IsAcceptedAsAccountAndType()
    {
        var name = new string('a', 64);

        Assert.NotNull(Validate(Valid() with { Account = name }));
        Assert.NotNull(Validate(Valid() with { Type = name }));
    }

    [Fact]
    public void AccountOf65Characters_IsRefused() => AssertRefused(Valid() with { Account = new string('a', 65) }, "account");

    [Fact]
    public void TypeOf65Characters_IsRefused() => AssertRefused(Valid() with { Type = new string('a', 65) }, "type");

    [Theory]
    [InlineData("café")]
    [InlineData("名前")]
    [InlineData("ａｃｍｅ")]
    [InlineData("acme corp")]
    [InlineData("acme/corp")]
    [InlineData("acme|corp")]
    [InlineData("acme\n")]
    [InlineData("a+b")]
    public void AccountWithOtherCharacters_IsRefused(string account) => AssertRefused(Valid() with { Account = account }, "account");

    [Theory]
    [InlineData("café")]
    [InlineData("名前")]
    [InlineData("page view")]
    [InlineData("page|view")]
    public void TypeWithOtherCharacters_IsRefused(string type) => AssertRefused(Valid() with { Type = type }, "type");

    [Fact]
    public void AccountAll_IsReserved() => AssertRefused(Valid() with { Account = SeriesKey.AllAccounts }, "account");

    [Fact]
    public void TypeAll_IsAllowed() => Assert.NotNull(Validate(Valid() with { Type = "all" }));

    [Theory]
    [InlineData("a", true)]
    [InlineData("a.b_c-d", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("é", false)]
    public void IsValidName_TellsAllowedNames(string? name, bool valid) => Assert.Equal(valid, EventValidator.IsValidName(name));

    [Theory]
    [InlineData("/pricing?plan=pro", "/pricing")]
    [InlineData("/pricing#faq", "/pricing")]
    [InlineData("/pricing?plan=pro#faq", "/pricing")]
    [InlineData("/", "/")]
    [InlineData("https://example.com/docs/start?utm_source=x#top", "/docs/start")]
    [InlineData("http://example.com:8080/a/b", "/a/b")]
    [InlineData("https://example.com", "/")]
    public void Url_IsNormalisedToItsPath(string url, string path) => Assert.Equal(path, Validate(Valid() with { Url = url })!.Url);

    [Theory]
    [InlineData("pricing")]
    [InlineData("pricing/plans")]
    [InlineData("")]
    [InlineData("?q=1")]
    [InlineData("ftp://example.com/file")]
    [InlineData("mailto:someone@example.com")]
    public void UrlThatIsNeitherAPathNorAnHttpUrl_IsRefused(string url) => AssertRefused(Valid() with { Url = url }, "url");

    [Fact]
    public void UrlOf2048Characters_IsAccepted()
    {
        var url = "/" + new string('a', 2047);

        Assert.Equal(url, Validate(Valid() with { Url = url })!.Url);
    }

    [Fact]
    public void UrlOf2049Characters_IsRefused() => AssertRefused(Valid() with { Url = "/" + new string('a', 2048) }, "url");

    [Fact]
    public void UrlOver2048CharactersOnlyWithItsQuery_IsAccepted() =>
        Assert.NotNull(Validate(Valid() with { Url = "/" + new string('a', 2047) + "?q=" + new string('b', 500) }));

    [Theory]
    [InlineData("/a\tb")]
    [InlineData("/a\nb")]
    [InlineData("/a\0b")]
    [InlineData("/a\u007fb")]
    public void UrlWithControlCharacters_IsRefused(string url) => AssertRefused(Valid() with { Url = url }, "url");

    [Fact]
    public void UserIdOf256Characters_IsAccepted() => Assert.NotNull(Validate(Valid() with { UserId = new string('u', 256) }));

    [Fact]
    public void UserIdOf257Characters_IsRefused() => AssertRefused(Valid() with { UserId = new string('u', 257) }, "userId");

    [Fact]
    public void IdOf128Characters_IsAccepted() => Assert.NotNull(Validate(Valid() with { Id = new string('i', 128) }));

    [Fact]
    public void IdOf129Characters_IsRefused() => AssertRefused(Valid() with { Id = new string('i', 129) }, "id");

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.5)]
    [InlineData(1e12)]
    [InlineData(-1e12)]
    public void ValueWithinTheLimit_IsAccepted(double value) => Assert.Equal(value, Validate(Valid() with { Value = value })!.Value);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1.000001e12)]
    [InlineData(-1e300)]
    [InlineData(double.MaxValue)]
    public void NonFiniteOrTooLargeValue_IsRefused(double value) => AssertRefused(Valid() with { Value = value }, "value");

    [Fact]
    public void ThirtyTwoProperties_AreAccepted() => Assert.NotNull(Validate(Valid() with { Properties = Properties(32) }));

    [Fact]
    public void ThirtyThreeProperties_AreRefused() => AssertRefused(Valid() with { Properties = Properties(33) }, "properties");

    [Fact]
    public void PropertyNameOf64Characters_IsAccepted() =>
        Assert.NotNull(Validate(Valid() with { Properties = new Dictionary<string, string> { [new string('p', 64)] = "v" } }));

    [Fact]
    public void PropertyNameOf65Characters_IsRefused() =>
        AssertRefused(Valid() with { Properties = new Dictionary<string, string> { [new string('p', 65)] = "v" } }, "properties");

    [Fact]
    public void EmptyPropertyName_IsRefused() =>
        AssertRefused(Valid() with { Properties = new Dictionary<string, string> { [""] = "v" } }, "properties");

    [Fact]
    public void PropertyValueOf1024Characters_IsAccepted() =>
        Assert.NotNull(Validate(Valid() with { Properties = new Dictionary<string, string> { ["referrer"] = new string('v', 1024) } }));

    [Fact]
    public void PropertyValueOf1025Characters_IsRefusedUnderThePropertyName()
    {
        Assert.Null(Validate(Valid() with { Properties = new Dictionary<string, string> { ["referrer"] = new string('v', 1025) } }));

        var error = Assert.Single(_errors);
        Assert.Equal("properties.referrer", error.Field);
    }

    [Fact]
    public void EmptyPropertyValue_IsAccepted() =>
        Assert.NotNull(Validate(Valid() with { Properties = new Dictionary<string, string> { ["referrer"] = "" } }));

    [Fact]
    public void MissingTimestamp_IsTheTimeTheEventWasReceived()
    {
        var receivedAt = Now.AddSeconds(-7);

        Assert.Equal(receivedAt, Validate(Valid(), receivedAt: receivedAt)!.Timestamp);
    }

    [Fact]
    public void TimestampFiveMinutesAhead_IsAccepted() =>
        Assert.NotNull(Validate(Valid() with { Timestamp = new DateTimeOffset(Now.AddMinutes(5)) }));

    [Fact]
    public void TimestampFiveMinutesAndOneSecondAhead_IsRefused() =>
        AssertRefused(Valid() with { Timestamp = new DateTimeOffset(Now.AddMinutes(5).AddSeconds(1)) }, "timestamp");

    [Fact]
    public void Timestamp400DaysOld_IsAccepted() =>
        Assert.NotNull(Validate(Valid() with { Timestamp = new DateTimeOffset(Now.AddDays(-400)) }));

    [Fact]
    public void TimestampOlderThan400Days_IsRefused() =>
        AssertRefused(Valid() with { Timestamp = new DateTimeOffset(Now.AddDays(-400).AddSeconds(-1)) }, "timestamp");

    [Fact]
    public void MissingTimestampReceivedTooLongAgo_IsRefused() =>
        AssertRefused(Valid(), "timestamp", receivedAt: Now.AddDays(-401));

    [Fact]
    public void MaxAge_IsConfigurable()
    {
        var limits = new EventLimits { MaxAge = TimeSpan.FromDays(30) };

        Assert.NotNull(Validate(Valid() with { Timestamp = new DateTimeOffset(Now.AddDays(-30)) }, limits));
        Assert.Null(Validate(Valid() with { Timestamp = new DateTimeOffset(Now.AddDays(-30).AddSeconds(-1)) }, limits));
        Assert.Equal("timestamp", Assert.Single(_errors).Field);
    }

    [Fact]
    public void Earliest_TakesAnyOlderTimestampFromItOnInPlaceOfMaxAge()
    {
        var earliest = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var limits = new EventLimits { Earliest = earliest };

        Assert.NotNull(Validate(Valid() with { Timestamp = new DateTimeOffset(earliest) }, limits));
        Assert.NotNull(Validate(Valid() with { Timestamp = new DateTimeOffset(Now.AddYears(-20)) }, limits));
        Assert.Null(Validate(Valid() with { Timestamp = new DateTimeOffset(earliest.AddSeconds(-1)) }, limits));
        var error = Assert.Single(_errors);
        Assert.Equal(("timestamp", "must not be before 2000-01-01T00:00:00Z"), (error.Field, error.Reason));
        Assert.Null(Validate(Valid() with { Timestamp = new DateTimeOffset(Now.AddMinutes(5).AddSeconds(1)) }, limits));
    }

    [Fact]
    public void MaxFutureSkew_IsConfigurable()
    {
        var limits = new EventLimits { MaxFutureSkew = TimeSpan.FromMinutes(1) };

        Assert.NotNull(Validate(Valid() with { Timestamp = new DateTimeOffset(Now.AddMinutes(1)) }, limits));
        Assert.Null(Validate(Valid() with { Timestamp = new DateTimeOffset(Now.AddMinutes(1).AddSeconds(1)) }, limits));
        Assert.Equal("timestamp", Assert.Single(_errors).Field);
    }

    [Fact]
    public void TimestampWithAnOffset_IsConvertedToUtc()
    {
        var timestamp = new DateTimeOffset(2025, 6, 15, 15, 30, 0, TimeSpan.FromHours(5.5));

        var accepted = Validate(Valid() with { Timestamp = timestamp });

        Assert.NotNull(accepted);
        Assert.Equal(new DateTime(2025, 6, 15, 10, 0, 0, DateTimeKind.Utc), accepted.Timestamp);
        Assert.Equal(DateTimeKind.Utc, accepted.Timestamp.Kind);
    }

    [Fact]
    public void TimestampWithAnOffset_IsCheckedInUtc() =>
        AssertRefused(Valid() with { Timestamp = new DateTimeOffset(2025, 6, 15, 7, 10, 0, TimeSpan.FromHours(-5)) }, "timestamp");

    [Fact]
    public void EveryErrorOfOneEvent_IsReportedWithItsIndexAndField()
    {
        var input = new EventInput
        {
            Account = null,
            Type = "page view",
            Url = "no-slash",
            UserId = new string('u', 257),
            Id = new string('i', 129),
            Value = double.NaN,
            Properties = Properties(33),
            Timestamp = new DateTimeOffset(Now.AddHours(1)),
        };

        Assert.Null(Validate(input, index: 7));

        Assert.All(_errors, error => Assert.Equal(7, error.Index));
        Assert.Equal(["account", "type", "url", "userId", "id", "value", "properties", "timestamp"], _errors.Select(error => error.Field));
        Assert.All(_errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Reason)));
    }

    [Fact]
    public void ReservedAccountAndMissingType_AreBothReported()
    {
        Assert.Null(Validate(Valid() with { Account = "all", Type = "" }, index: 2));

        Assert.Equal([(2, "account"), (2, "type")], _errors.Select(error => (error.Index, error.Field)));
    }

    [Fact]
    public void ErrorsOfEarlierEvents_DoNotRefuseALaterValidEvent()
    {
        Assert.Null(Validate(Valid() with { Account = null }, index: 0));

        Assert.NotNull(Validate(Valid(), index: 1));
        Assert.Equal(0, Assert.Single(_errors).Index);
    }

    [Fact]
    public void EachEventOfARequest_ReportsItsOwnIndex()
    {
        Validate(Valid() with { Value = double.NaN }, index: 0);
        Validate(Valid(), index: 1);
        Validate(Valid() with { Url = "x" }, index: 2);

        Assert.Equal([(0, "value"), (2, "url")], _errors.Select(error => (error.Index, error.Field)));
    }

    private static EventInput Valid() => new() { Account = "acme", Type = "pageview" };

    private static Dictionary<string, string> Properties(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"p{i}", i => $"v{i}");

    private CounterEvent? Validate(EventInput input, EventLimits? limits = null, int index = 0, DateTime? receivedAt = null) =>
        new EventValidator(limits ?? new EventLimits(), new ManualClock(new DateTimeOffset(Now)))
            .Validate(input, index, receivedAt ?? Now, _errors);

    private void AssertRefused(EventInput input, string field, DateTime? receivedAt = null)
    {
        Assert.Null(Validate(input, index: 3, receivedAt: receivedAt));

        var error = Assert.Single(_errors);
        Assert.Equal(3, error.Index);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }
}
