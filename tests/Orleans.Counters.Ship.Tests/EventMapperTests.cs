using System.Security.Cryptography;

namespace Orleans.Counters.Ship.Tests;

public sealed class EventMapperTests
{
    private const string Salt = "pepper";
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64)";

    private static readonly DateTimeOffset Now = new(2024, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AGetAnswered200BecomesAnEventInUtc()
    {
        var counted = Map("""203.0.113.7 - - [01/Mar/2024:05:00:05 -0700] "GET /products/42?utm_source=mail HTTP/1.1" 200 5123 "https://www.google.com/" "Mozilla/5.0 (X11; Linux x86_64)" """);

        Assert.Equal("shop", counted.Account);
        Assert.Equal("pageview", counted.Type);
        Assert.Equal("/products/42", counted.Url);
        Assert.Equal(new DateTime(2024, 3, 1, 12, 0, 5, DateTimeKind.Utc), counted.Timestamp);
        Assert.Equal(DateTimeKind.Utc, counted.Timestamp.Kind);
        Assert.Equal(Browser, counted.UserAgent);
        Assert.Equal("https://www.google.com/", counted.Referrer);
    }

    [Fact]
    public void TheUserIdIsTheSaltedHashOfAddressAndUserAgent()
    {
        var counted = Map(Line("203.0.113.7", "/", Browser));

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Salt + "203.0.113.7" + "\n" + Browser))[..16]);
        Assert.Equal(expected, counted.UserId);
        // Pinned: user ids must not change between versions of the tool, or every visitor becomes new.
        Assert.Equal("c6f8028593f5e6ee06af0a77ac9e4348", counted.UserId);
    }

    [Fact]
    public void TheUserIdIsStableForAVisitorAndDiffersBetweenVisitorsAndSalts()
    {
        var first = Map(Line("203.0.113.7", "/a", Browser)).UserId;

        Assert.Equal(first, Map(Line("203.0.113.7", "/b", Browser)).UserId);
        Assert.Equal(first, new UserIdHasher(Salt).Hash("203.0.113.7", Browser));
        Assert.NotEqual(first, Map(Line("203.0.113.8", "/a", Browser)).UserId);
        Assert.NotEqual(first, Map(Line("203.0.113.7", "/a", Browser + " Firefox/124.0")).UserId);
        Assert.NotEqual(first, new UserIdHasher("salt").Hash("203.0.113.7", Browser));
        Assert.NotEqual(UserIdHasher.RandomSalt(), UserIdHasher.RandomSalt());
    }

    [Fact]
    public void AMissingUserAgentAndReferrerAreLeftOut()
    {
        var counted = Map("""203.0.113.7 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "-" """);

        Assert.Null(counted.UserAgent);
        Assert.Null(counted.Referrer);
        Assert.Equal(new UserIdHasher(Salt).Hash("203.0.113.7", null), counted.UserId);
    }

    [Fact]
    public void ALongUserAgentAndReferrerAreCut()
    {
        var userAgent = "Mozilla/5.0 " + new string('u', 700);
        var referrer = "https://example.com/" + new string('r', 2000);

        var counted = Map(Line("203.0.113.7", "/", userAgent, referrer));

        Assert.Equal(userAgent[..EventMapper.MaxUserAgentLength], counted.UserAgent);
        Assert.Equal(referrer[..EventLimits.MaxPropertyValueLength], counted.Referrer);
        Assert.Equal(new UserIdHasher(Salt).Hash("203.0.113.7", userAgent), counted.UserId);
    }

    [Fact]
    public void CuttingNeverSplitsASurrogatePair()
    {
        var userAgent = new string('u', EventMapper.MaxUserAgentLength - 1) + "\U0001F600" + "tail";

        var counted = Map(Line("203.0.113.7", "/", userAgent));

        Assert.Equal(EventMapper.MaxUserAgentLength - 1, counted.UserAgent!.Length);
        Assert.False(char.IsHighSurrogate(counted.UserAgent[^1]));
    }

    [Theory]
    [InlineData("GET", 200, true)]
    [InlineData("GET", 204, true)]
    [InlineData("GET", 301, true)]
    [InlineData("GET", 304, true)]
    [InlineData("GET", 399, true)]
    [InlineData("GET", 404, false)]
    [InlineData("GET", 500, false)]
    [InlineData("GET", 101, false)]
    [InlineData("POST", 200, false)]
    [InlineData("HEAD", 200, false)]
    public void ByDefaultOnlyGetsAnswered2xxOr3xxCount(string method, int status, bool counts)
    {
        var mapped = Mapper().Map(Record($"""203.0.113.7 - - [01/Mar/2024:12:00:05 +0000] "{method} /page HTTP/1.1" {status} 1 "-" "Mozilla/5.0" """));

        Assert.Equal(counts, mapped.Event is not null);
        Assert.Equal(!counts, mapped.IsIgnored);
    }

    [Fact]
    public void AllStatusesAndAllMethodsWidenTheFilter()
    {
        var notFound = Record("""203.0.113.7 - - [01/Mar/2024:12:00:05 +0000] "GET /missing HTTP/1.1" 404 1 "-" "Mozilla/5.0" """);
        var post = Record("""203.0.113.7 - - [01/Mar/2024:12:00:05 +0000] "POST /form HTTP/1.1" 200 1 "-" "Mozilla/5.0" """);

        Assert.NotNull(Mapper(allStatuses: true).Map(notFound).Event);
        Assert.True(Mapper(allStatuses: true).Map(post).IsIgnored);
        Assert.NotNull(Mapper(allMethods: true).Map(post).Event);
        Assert.True(Mapper(allMethods: true).Map(notFound).IsIgnored);
    }

    [Theory]
    [InlineData("OPTIONS * HTTP/1.0")]
    [InlineData("CONNECT example.com:443 HTTP/1.1")]
    public void TargetsThatAreNotPagesAreIgnoredEvenWithAllMethods(string request)
    {
        Assert.True(Mapper(allMethods: true).Map(Record($"""::1 - - [01/Mar/2024:12:00:05 +0000] "{request}" 200 1 "-" "Mozilla/5.0" """)).IsIgnored);
    }

    [Fact]
    public void AnAbsoluteUrlCountsAsItsPath()
    {
        Assert.Equal("/proxied", Map(Line("203.0.113.7", "http://example.com/proxied?x=1", Browser)).Url);
    }

    [Fact]
    public void ALineOlderThanTheAgeLimitIsInvalid()
    {
        var mapped = Mapper().Map(Record("""203.0.113.7 - - [01/Jan/2023:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0" """));

        Assert.Null(mapped.Event);
        Assert.False(mapped.IsIgnored);
        Assert.Contains("timestamp", mapped.InvalidReason);
    }

    [Fact]
    public void APathOverTheUrlLimitIsInvalid()
    {
        var mapped = Mapper().Map(Record(Line("203.0.113.7", "/" + new string('p', EventLimits.MaxUrlLength), Browser)));

        Assert.Contains("url", mapped.InvalidReason);
    }

    private static AccessEvent Map(string line) => Mapper().Map(Record(line)).Event ?? throw new InvalidOperationException("not mapped: " + line);

    private static EventMapper Mapper(bool allStatuses = false, bool allMethods = false) =>
        new(
            new MappingOptions("shop", "pageview", allStatuses, allMethods),
            new UserIdHasher(Salt),
            new EventValidator(new EventLimits(), new ManualClock(Now)),
            new ManualClock(Now));

    private static AccessLogRecord Record(string line) =>
        CombinedLogParser.Parse(line.TrimEnd()).Record ?? throw new InvalidOperationException("unparsable: " + line);

    private static string Line(string host, string target, string userAgent, string referrer = "-") =>
        $"{host} - - [01/Mar/2024:12:00:05 +0000] \"GET {target} HTTP/1.1\" 200 1 \"{referrer}\" \"{userAgent}\"";
}
