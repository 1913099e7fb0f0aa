namespace Orleans.Counters.Ship.Tests;

public sealed class CombinedLogParserTests
{
    [Fact]
    public void TheApacheDocumentationExampleParses()
    {
        var record = Parse("""127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)" """.TrimEnd());

        Assert.Equal("127.0.0.1", record.Host);
        Assert.Equal("frank", record.User);
        Assert.Equal(new DateTimeOffset(2000, 10, 10, 13, 55, 36, TimeSpan.FromHours(-7)), record.Time);
        Assert.Equal(TimeSpan.FromHours(-7), record.Time.Offset);
        Assert.Equal("GET", record.Method);
        Assert.Equal("/apache_pb.gif", record.Target);
        Assert.Equal("HTTP/1.0", record.Protocol);
        Assert.Equal(200, record.Status);
        Assert.Equal(2326, record.Bytes);
        Assert.Equal("http://www.example.com/start.html", record.Referrer);
        Assert.Equal("Mozilla/4.08 [en] (Win98; I ;Nav)", record.UserAgent);
    }

    [Fact]
    public void AnNginxLineWithAQueryStringParses()
    {
        var record = Parse("""203.0.113.7 - - [01/Mar/2024:12:00:05 +0000] "GET /products/42?utm_source=mail&x=1 HTTP/2.0" 200 5123 "https://www.google.com/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36" """.TrimEnd());

        Assert.Null(record.User);
        Assert.Equal("/products/42?utm_source=mail&x=1", record.Target);
        Assert.Equal("HTTP/2.0", record.Protocol);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 12, 0, 5, TimeSpan.Zero), record.Time);
        Assert.StartsWith("Mozilla/5.0 (Windows NT 10.0", record.UserAgent);
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    [InlineData("fe80::1ff:fe23:4567:890a%eth0")]
    [InlineData("::ffff:192.0.2.128")]
    [InlineData("crawl-66-249-66-1.googlebot.com")]
    public void ClientAddressesOfEveryKindParse(string host)
    {
        var record = Parse($"""{host} - - [01/Mar/2024:12:00:05 +0100] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0" """.TrimEnd());

        Assert.Equal(host, record.Host);
    }

    [Fact]
    public void DashFieldsAreAbsent()
    {
        var record = Parse("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET /cached HTTP/1.1" 304 - "-" "-" """.TrimEnd());

        Assert.Null(record.User);
        Assert.Null(record.Bytes);
        Assert.Null(record.Referrer);
        Assert.Null(record.UserAgent);
        Assert.Equal(304, record.Status);
    }

    [Fact]
    public void AnEmptyReferrerIsAbsent()
    {
        Assert.Null(Parse("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "" "Mozilla/5.0" """.TrimEnd()).Referrer);
    }

    [Fact]
    public void EscapedQuotesAndBackslashesAreUndone()
    {
        var record = Parse("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET /search?q=\"orleans\"&path=a\\b HTTP/1.1" 200 1 "https://example.com/?q=\"x\"" "Mozilla/5.0 \"quoted\" agent \\o/" """.TrimEnd());

        Assert.Equal("""/search?q="orleans"&path=a\b""", record.Target);
        Assert.Equal("""https://example.com/?q="x" """.TrimEnd(), record.Referrer);
        Assert.Equal("""Mozilla/5.0 "quoted" agent \o/""", record.UserAgent);
    }

    [Fact]
    public void ByteEscapesStayAsWrittenSoNoControlCharacterAppears()
    {
        var record = Parse("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET /caf\xc3\xa9 HTTP/1.1" 200 1 "-" "agent\x07" """.TrimEnd());

        Assert.Equal("""/caf\xc3\xa9""", record.Target);
        Assert.Equal("""agent\x07""", record.UserAgent);
    }

    [Fact]
    public void AnUnescapedQuoteInsideAFieldDoesNotEndIt()
    {
        // nginx writes \x22, Apache \": a log format without escaping still parses when a space follows only the real closing quote.
        var record = Parse("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0 "quoted"" """.TrimEnd());

        Assert.Equal("""Mozilla/5.0 "quoted" """.TrimEnd(), record.UserAgent);
    }

    [Theory]
    [InlineData("+0000", 0, 0)]
    [InlineData("-0700", -7, 0)]
    [InlineData("+0530", 5, 30)]
    [InlineData("+1400", 14, 0)]
    [InlineData("-0930", -9, -30)]
    public void TimeOffsetsAreKept(string offset, int hours, int minutes)
    {
        var record = Parse($"""192.0.2.1 - - [29/Feb/2024:23:59:59 {offset}] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0" """.TrimEnd());

        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 59, new TimeSpan(hours, minutes, 0)), record.Time);
    }

    [Fact]
    public void TheCommonFormatParsesWithoutReferrerAndUserAgent()
    {
        var record = Parse("""127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326""");

        Assert.Null(record.Referrer);
        Assert.Null(record.UserAgent);
        Assert.Equal(2326, record.Bytes);
    }

    [Fact]
    public void FieldsAfterTheUserAgentAreIgnored()
    {
        var record = Parse("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0" "198.51.100.7" rt=0.012""");

        Assert.Equal("Mozilla/5.0", record.UserAgent);
    }

    [Fact]
    public void ACarriageReturnAtTheEndIsDropped()
    {
        Assert.Equal("Mozilla/5.0", Parse("192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"Mozilla/5.0\"\r").UserAgent);
    }

    [Fact]
    public void AUserNameWithSpacesParses()
    {
        Assert.Equal("John Doe", Parse("""192.0.2.1 - John Doe [01/Mar/2024:12:00:05 +0000] "GET /private HTTP/1.1" 200 1 "-" "Mozilla/5.0" """.TrimEnd()).User);
    }

    [Theory]
    [InlineData("OPTIONS * HTTP/1.0", "OPTIONS", "*")]
    [InlineData("CONNECT example.com:443 HTTP/1.1", "CONNECT", "example.com:443")]
    [InlineData("GET http://example.com/proxied HTTP/1.1", "GET", "http://example.com/proxied")]
    [InlineData("PROPFIND /dav/ HTTP/1.1", "PROPFIND", "/dav/")]
    [InlineData("M-SEARCH * HTTP/1.1", "M-SEARCH", "*")]
    public void RequestLinesOfOtherMethodsAndTargetsParse(string request, string method, string target)
    {
        var record = Parse($"""::1 - - [01/Mar/2024:12:00:05 +0000] "{request}" 200 126 "-" "Apache/2.4.71 (Debian) (internal dummy connection)" """.TrimEnd());

        Assert.Equal((method, target), (record.Method, record.Target));
    }

    [Theory]
    [InlineData("", "empty line")]
    [InlineData("   ", "empty line")]
    [InlineData("garbage", "no identity field")]
    [InlineData("not a log line at all", "no [time]")]
    [InlineData("""192.0.2.1 - - 01/Mar/2024:12:00:05 +0000 "GET / HTTP/1.1" 200 1 "-" "-" """, "no [time]")]
    [InlineData("""192.0.2.1 - - [01/Foo/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "-" """, "time")]
    [InlineData("""192.0.2.1 - - [31/Feb/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "-" """, "time")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:25:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "-" """, "time")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05] "GET / HTTP/1.1" 200 1 "-" "-" """, "time")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +1500] "GET / HTTP/1.1" 200 1 "-" "-" """, "time")]
    [InlineData("""192.0.2.1 - - [2024-03-01T12:00:05Z] "GET / HTTP/1.1" 200 1 "-" "-" """, "time")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] GET / HTTP/1.1 200 1 "-" "-" """, "no quoted request line")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1 200 1""", "no quoted request line")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "-" 408 - "-" "-" """, "request line")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" 400 226 "-" "-" """, "request line")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET /" 200 1 "-" "-" """, "request line")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / FTP/1.0" 200 1 "-" "-" """, "request line")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "G@T / HTTP/1.1" 200 1 "-" "-" """, "request line")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET  HTTP/1.1" 200 1 "-" "-" """, "request line")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" abc 1 "-" "-" """, "status")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 2000 1 "-" "-" """, "status")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200""", "size")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 12x "-" "-" """, "size")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 - -""", "referrer and user agent")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "unterminated""", "referrer and user agent")]
    [InlineData("""192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" """, "referrer and user agent")]
    public void BadLinesAreUnparsableWithAReason(string line, string reason)
    {
        var result = CombinedLogParser.Parse(line.TrimEnd());

        Assert.Null(result.Record);
        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void DamagedLinesNeverThrow()
    {
        const string line = """2001:db8::1 - frank [01/Mar/2024:12:00:05 +0100] "GET /a\"b?c=d HTTP/1.1" 200 5123 "https://example.com/" "Mozilla/5.0 \"x\" (X11)" """;
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var chars = line.ToCharArray();
            for (var damage = random.Next(1, 4); damage > 0; damage--)
            {
                chars[random.Next(chars.Length)] = " \"\\[]-:/+0aZ\u00e9\0"[random.Next(14)];
            }

            var cut = new string(chars)[..random.Next(chars.Length + 1)];
            var result = CombinedLogParser.Parse(cut);
            Assert.True(result.Record is not null ^ result.Reason is not null, cut);
        }
    }

    private static AccessLogRecord Parse(string line)
    {
        var result = CombinedLogParser.Parse(line);
        Assert.True(result.Record is not null, $"unparsable ({result.Reason}): {line}");
        return result.Record;
    }
}
