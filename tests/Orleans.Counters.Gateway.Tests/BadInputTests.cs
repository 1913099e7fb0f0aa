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

    // JSON escapes, as the raw text sent: a control character or a lone surrogate in any string of an event.
    public static TheoryData<string, string?> UnstorableEvents => new()
    {
        { """{"account":"badinput","type":"pageview","id":"a\u0000b"}""", "id" },
        { """{"account":"badinput","type":"pageview","id":"\u0007"}""", "id" },
        { """{"account":"badinput","type":"pageview","userId":"u\u0000"}""", "userId" },
        { """{"account":"badinput","type":"pageview","userAgent":"Mozilla/5.0\u0000"}""", "userAgent" },
        { """{"account":"badinput","type":"pageview","url":"/a\u0000b"}""", "url" },
        { """{"account":"badinput","type":"pageview","url":"/a?q=\u0000"}""", "url" },
        { """{"account":"badinput\u0000","type":"pageview"}""", "account" },
        { """{"account":"badinput","type":"page\u0000view"}""", "type" },
        { """{"account":"badinput","type":"pageview","properties":{"ref":"x\u0000"}}""", "properties.ref" },
        { """{"account":"badinput","type":"pageview","properties":{"ref":"x\ty"}}""", "properties.ref" },
        { """{"account":"badinput","type":"pageview","properties":{"r\u0000f":"x"}}""", "properties" },
        { """{"account":"badinput","type":"pageview","id":"\ud800"}""", "id" },
        { """{"account":"badinput","type":"pageview","id":"x\udc00y"}""", "id" },
        { """{"account":"badinput","type":"pageview","userAgent":"\ud83d"}""", "userAgent" },
        { """{"account":"badinput","type":"pageview","url":"/\udfff"}""", "url" },
        { """{"account":"badinput","type":"pageview","timestamp":"\ud800"}""", "timestamp" },
        { """{"account":"\ud800","type":"pageview"}""", "account" },
        { """{"account":"badinput","type":"pageview","properties":{"ref":"\ud800"}}""", "properties.ref" },
        { """{"account":"badinput","type":"pageview","properties":{"\ud800":"x"}}""", "properties" },
        { """{"account":"badinput","type":"pageview","\udc00unknown":"x"}""", null },
    };

    [Theory]
    [MemberData(nameof(UnstorableEvents))]
    public async Task AControlCharacterOrALoneSurrogateInAnyStringIs400NamingTheField(string invalid, string? field)
    {
        var before = await YearTotalAsync();

        using var response = await PostAsync($"[{Good}, {invalid}]", "application/json");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        await AssertNothingCountedAsync(before);
    }

    [Fact]
    public async Task ANulInAnNdjsonLineIs400NamingTheFieldAndLine()
    {
        var before = await YearTotalAsync();

        using var response = await PostAsync($"{Good}\n{Good}\n" + """{"account":"badinput","type":"pageview","id":"\u0000"}""", "application/x-ndjson");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("id", 2), (error.GetProperty("field").GetString(), error.GetProperty("index").GetInt32()));
        await AssertNothingCountedAsync(before);
    }

    // Literal bytes, not escapes: a raw NUL, tab or other control byte inside a JSON string is not JSON; bytes
    // that are not UTF-8 (a stray byte, an encoded surrogate, an overlong NUL) are not UTF-8.
    public static TheoryData<byte[], string> RawBytes => new()
    {
        { [0x00], "application/json" },
        { [0x09], "application/json" },
        { [0x01], "application/x-ndjson" },
        { [0xFF], "application/json" },
        { [0xED, 0xA0, 0x80], "application/json" },
        { [0xC0, 0x80], "application/x-ndjson" },
    };

    [Theory]
    [MemberData(nameof(RawBytes))]
    public async Task RawControlOrNonUtf8BytesInAStringAre400(byte[] raw, string contentType)
    {
        var before = await YearTotalAsync();
        var separator = contentType == "application/json" ? "," : "\n";
        byte[] body = [.. Encoding.UTF8.GetBytes(Good + separator + """{"account":"badinput","type":"pageview","id":"a"""), .. raw, .. "b\"}"u8];
        if (contentType == "application/json")
        {
            body = [(byte)'[', .. body, (byte)']'];
        }

        using var response = await PostBytesAsync("/api/events", body, contentType);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertNothingCountedAsync(before);
    }

    public static TheoryData<string, string, string> UnstorableOtherBodies => new()
    {
        { "PUT", "/api/accounts/badinput-settings/settings", """{"timeZone":"Europe/Paris\u0000"}""" },
        { "PUT", "/api/accounts/badinput-settings/settings", """{"timeZone":"\ud800"}""" },
        { "PUT", "/api/accounts/badinput-settings/settings", """{"\ud800":"x","timeZone":"UTC"}""" },
        { "POST", "/api/accounts", """{"account":"\udc00"}""" },
        { "POST", "/api/accounts", """{"account":"acme\u0000"}""" },
        { "POST", "/api/accounts/badinput-keys/keys", """{"kind":"\ud800"}""" },
        { "PUT", "/event_generate/", """{"type":"pageview","url":"/seed","ip":"\u0000"}""" },
        { "PUT", "/event_generate/", """{"type":"pageview","url":"/seed","ip":"\ud800"}""" },
        { "PUT", "/event_generate/", """{"type":"pageview","url":"/seed\ud800"}""" },
        { "PUT", "/event_generate/", """{"type":"pageview","url":"/seed","\ud800":1}""" },
        { "POST", "/event_track/", """{"type":"pageview","url":"/seed\ud800"}""" },
        { "POST", "/event_report/", """{"type":"pageview","url":"/seed","date":"\ud800"}""" },
    };

    [Theory]
    [MemberData(nameof(UnstorableOtherBodies))]
    public async Task OtherWriteEndpoints_RefuseAControlCharacterOrALoneSurrogateWith400(string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonBytes(Encoding.UTF8.GetBytes(body)) };

        using var response = await gateway.Client.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("PUT", "/api/accounts/badinput-settings/settings")]
    [InlineData("POST", "/api/accounts")]
    [InlineData("PUT", "/event_generate/")]
    public async Task OtherWriteEndpoints_RefuseABodyThatIsNotUtf8With400(string method, string path)
    {
        byte[] body = [.. """{"timeZone":"UTC","account":"a"""u8, 0xFF, .. "\"}"u8];
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonBytes(body) };

        using var response = await gateway.Client.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
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

    private Task<HttpResponseMessage> PostAsync(string body, string contentType) => PostBytesAsync("/api/events", Encoding.UTF8.GetBytes(body), contentType);

    private Task<HttpResponseMessage> PostBytesAsync(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return gateway.Client.Http.PostAsync(path, content);
    }

    private static ByteArrayContent JsonBytes(byte[] body) => new(body) { Headers = { ContentType = new("application/json") } };

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
