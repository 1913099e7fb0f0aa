namespace Orleans.Counters.Gateway.Tests;

/// <summary>Every kind of bad ingestion request gets its 4xx problem document and counts nothing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BadInputTests(GatewayFixture gateway)
{
    private const string Account = "badinput";
    private const string Good = """{"account":"badinput","type":"pageview","url":"/ok","timestamp":"2025-01-15T12:00:00Z"}""";

    public static TheoryData<string, string, string?> InvalidEvents => new()
    {
        { """{"type":"pageview"}""", "account", null },
        { """{"account":"bad account","type":"pageview"}""", "account", null },
        { """{"account":"all","type":"pageview"}""", "account", null },
        { $$"""{"account":"{{new string('a', 65)}}","type":"pageview"}""", "account", null },
        { """{"account":"badinput"}""", "type", null },
        { """{"account":"badinput","type":"page/view"}""", "type", null },
        { """{"account":"badinput","type":42}""", "type", null },
        { """{"account":"badinput","type":"pageview","url":"relative/path"}""", "url", null },
        { $$"""{"account":"badinput","type":"pageview","url":"/{{new string('u', 2048)}}"}""", "url", null },
        { $$"""{"account":"badinput","type":"pageview","userId":"{{new string('u', 257)}}"}""", "userId", null },
        { """{"account":"badinput","type":"pageview","timestamp":"yesterday"}""", "timestamp", null },
        { """{"account":"badinput","type":"pageview","timestamp":"2099-01-01T00:00:00Z"}""", "timestamp", null },
        { """{"account":"badinput","type":"pageview","timestamp":"1999-01-01T00:00:00Z"}""", "timestamp", null },
        { """{"account":"badinput","type":"pageview","value":"12"}""", "value", null },
        { """{"account":"badinput","type":"pageview","properties":["a"]}""", "properties", null },
        { """{"account":"badinput","type":"pageview","properties":{"ref":1}}""", "properties.ref", null },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task AnInvalidEventRejectsTheWholeRequestNamingTheField(string invalid, string field, string? unused)
    {
        _ = unused;
        var before = await YearTotalAsync();

        using var response = await PostAsync($"[{Good}, {invalid}]", "application/json");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        await AssertNothingCountedAsync(before);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "", "application/json" },
        { "{\"account\":", "application/json" },
        { "[1, 2]", "application/json" },
        { $"[{Good}, \"text\"]", "application/json" },
        { "42", "application/json" },
        { $"{Good}\nnot json\n", "application/x-ndjson" },
        { $"{Good}\n[{Good}]\n", "application/x-ndjson" },
        { Good, "application/json; charset=iso-8859-1" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task AMalformedBodyIsRefused(string body, string contentType)
    {
        var before = await YearTotalAsync();

        using var response = await PostAsync(body, contentType);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertNothingCountedAsync(before);
    }

    [Fact]
    public async Task ABodyThatIsNotUtf8IsRefused()
    {
        var before = await YearTotalAsync();
        var latin1 = Encoding.Latin1.GetBytes("""[{"account":"badinput","type":"pageview","url":"/café"}]""");
        using var content = new ByteArrayContent(latin1);
        content.Headers.ContentType = new("application/json");

        using var response = await gateway.Client.Http.PostAsync("/api/events", content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertNothingCountedAsync(before);
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413()
    {
        var before = await YearTotalAsync();
        var body = "[" + string.Join(',', Enumerable.Repeat(Good, GatewayFixture.MaxBodyBytes / Good.Length + 1)) + "]";

        using var response = await PostAsync(body, "application/json");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingCountedAsync(before);
    }

    [Fact]
    public async Task TooManyEventsInOneRequestIs413()
    {
        var before = await YearTotalAsync();
        var body = "[" + string.Join(',', Enumerable.Repeat(Good, GatewayFixture.MaxEventsPerRequest + 1)) + "]";

        using var response = await PostAsync(body, "application/json");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingCountedAsync(before);
    }

    [Fact]
    public async Task AnUnsupportedContentTypeIs415()
    {
        using var response = await PostAsync(Good, "application/xml");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return gateway.Client.Http.PostAsync("/api/events", content);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    private async Task<long> YearTotalAsync() =>
        (await gateway.Client.TrackAsync(SeriesKey.AllUrlsOf(Account, "pageview"), Period.Year(2025))).Total;

    /// <summary>
    /// Posts one good marker event and waits for it: the account's stream is ordered, so once the
    /// marker is counted anything a refused request had slipped in would be counted too.
    /// </summary>
    private async Task AssertNothingCountedAsync(long before)
    {
        using var marker = await PostAsync(Good, "application/json");
        Assert.Equal(HttpStatusCode.Accepted, marker.StatusCode);
        var after = await Eventually.ReadAsync(YearTotalAsync, total => total >= before + 1);
        await Task.Delay(300);
        Assert.Equal(before + 1, await YearTotalAsync());
        Assert.Equal(before + 1, after);
    }
}
