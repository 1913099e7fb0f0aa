namespace Orleans.Counters.Ship.Tests;

public sealed class EventJsonTests
{
    [Fact]
    public void AnEventIsWrittenAsTheGatewaysCamelCaseJson()
    {
        var json = Write(new AccessEvent("shop", "pageview", "/products/42", new DateTime(2024, 3, 1, 12, 0, 5, DateTimeKind.Utc), "c6f8028593f5e6ee06af0a77ac9e4348", "Mozilla/5.0", "https://www.google.com/"));

        Assert.Equal(
            """{"account":"shop","type":"pageview","url":"/products/42","timestamp":"2024-03-01T12:00:05Z","userId":"c6f8028593f5e6ee06af0a77ac9e4348","userAgent":"Mozilla/5.0","properties":{"referrer":"https://www.google.com/"}}""",
            json);
    }

    [Fact]
    public void AbsentUserAgentAndReferrerAreLeftOut()
    {
        var json = Write(new AccessEvent("shop", "pageview", "/", new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), "id", null, null));

        Assert.Equal("""{"account":"shop","type":"pageview","url":"/","timestamp":"2024-03-01T00:00:00Z","userId":"id"}""", json);
    }

    [Fact]
    public void TheLinesIdComesFirst()
    {
        var json = Write(new AccessEvent("shop", "pageview", "/", new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), "u", null, null) { Id = "9f86d081884c7d65-4096" });

        Assert.Equal("""{"id":"9f86d081884c7d65-4096","account":"shop","type":"pageview","url":"/","timestamp":"2024-03-01T00:00:00Z","userId":"u"}""", json);
    }

    [Fact]
    public void QuotesAndNonAsciiTextSurviveARoundTrip()
    {
        var userAgent = "Mozilla/5.0 \"quoted\" \\ é 日本 😀 </script>";

        using var document = JsonDocument.Parse(EventJson.Serialize(new AccessEvent("shop", "pageview", "/", DateTime.UnixEpoch, "id", userAgent, null)));

        Assert.Equal(userAgent, document.RootElement.GetProperty("userAgent").GetString());
    }

    [Fact]
    public void ABatchIsItsEventsJoinedIntoOneArray()
    {
        byte[][] events = [Encoding.UTF8.GetBytes("""{"a":1}"""), Encoding.UTF8.GetBytes("""{"b":2}""")];

        var body = JsonArray.Join(events);

        Assert.Equal("""[{"a":1},{"b":2}]""", Encoding.UTF8.GetString(body));
        Assert.Equal(body.Length, JsonArray.Size(2, 14));
        Assert.Equal("[]", Encoding.UTF8.GetString(JsonArray.Join([])));
    }

    private static string Write(AccessEvent counted) => Encoding.UTF8.GetString(EventJson.Serialize(counted));
}
