using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// <c>POST /api/import</c> over real HTTP, on a gateway (with its silo) in PostgreSQL mode, the only
/// mode that remembers ids: history of any past date counted exactly in every period, a second import
/// of the same events counted once, the timestamp window, the limits, and who may import.
/// </summary>
public sealed class ImportApiTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private const string AdminKey = "import-admin-key-0123456789abcdefghijklmn";

    // Kept apart from the generator's types, so that the all-accounts series of those stay the generator's alone.
    private const string CheckType = "import-check";

    private WebApplication? _app;
    private HttpClient _admin = null!;

    [SkippableFact]
    public async Task HistoryYearsOldIsCountedExactlyInEveryPeriodAndASecondImportCountsItOnce()
    {
        postgres.Require();
        // Two calendar years (2024 and 2025): far past the live endpoint's 400 days.
        var events = new EventGenerator(seed: 2020).Generate(6_000, hours: 80);
        var truth = new GroundTruth();
        truth.Add(events);

        foreach (var batch in events.Chunk(2_500))
        {
            Assert.Equal((batch.Length, 0), await ImportAsync(_admin, batch));
        }

        foreach (var batch in events.Chunk(2_500))
        {
            Assert.Equal((batch.Length, batch.Length), await ImportAsync(_admin, batch));
        }

        var stats = new StatsClient(_admin);
        await CountsVerifier.WaitForYearsAsync(truth, stats.TrackAsync, TimeSpan.FromSeconds(60));
        var report = await CountsVerifier.VerifyAsync(truth, stats.TrackAsync);
        Assert.True(report.Mismatches.Count == 0, report.ToString());
        Assert.True(report.PeriodsCompared > 1_000, report.ToString());
    }

    [SkippableFact]
    public async Task RepeatedIdsWithinOneRequestCountOnceAndAreReportedAsRepeats()
    {
        postgres.Require();
        var at = DateTime.UtcNow.AddYears(-3);
        var first = Event("imp-same", "a", at);
        var (accepted, repeats) = await ImportAsync(_admin, [first, first with { Url = "/other" }, Event("imp-same", "b", at)]);

        Assert.Equal((3, 1), (accepted, repeats));
        await AssertDayTotalAsync("imp-same", at, 2);
    }

    [SkippableTheory]
    [InlineData("1999-12-31T23:59:59Z", "must not be before 2000-01-01T00:00:00Z")]
    [InlineData("future", "ahead of the server's clock")]
    public async Task ATimestampOutsideTheWindowIsRefusedNamingIt(string timestamp, string reason)
    {
        postgres.Require();
        var text = timestamp == "future" ? DateTime.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture) : timestamp;
        var good = Json(Event("imp-window", "ok", DateTime.UtcNow.AddYears(-20)));
        var bad = $$"""{"account":"imp-window","type":"{{CheckType}}","id":"bad","timestamp":"{{text}}"}""";

        using var response = await PostAsync(_admin, $"{good}\n{bad}\n", "application/x-ndjson");

        var error = await AssertRefusedAsync(response, "timestamp", index: 1);
        Assert.Contains(reason, error.GetProperty("reason").GetString());
        await AssertDayTotalAsync("imp-window", DateTime.UtcNow.AddYears(-20), 0);
    }

    [SkippableFact]
    public async Task TheOldestDayOfTheWindowIsTaken()
    {
        postgres.Require();
        var earliest = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal((1, 0), await ImportAsync(_admin, [Event("imp-earliest", "first", earliest)]));
        await AssertDayTotalAsync("imp-earliest", earliest, 1);
    }

    [SkippableTheory]
    [InlineData("id")]
    [InlineData("timestamp")]
    public async Task AnEventWithoutIdOrTimestampIsRefusedNamingTheField(string missing)
    {
        postgres.Require();
        var fields = new Dictionary<string, string>
        {
            ["account"] = "imp-missing",
            ["type"] = CheckType,
            ["id"] = "x",
            ["timestamp"] = "2021-06-01T12:00:00Z",
        };
        fields.Remove(missing);

        using var response = await PostAsync(_admin, JsonSerializer.Serialize(new[] { fields }), "application/json");

        await AssertRefusedAsync(response, missing, index: 0);
    }

    [SkippableFact]
    public async Task MoreEventsThanTheLimitAre413()
    {
        postgres.Require();
        var at = DateTime.UtcNow.AddYears(-2);
        var events = Enumerable.Range(0, 10_001).Select(i => Event("imp-many", $"e{i}", at)).ToList();

        using var response = await PostAsync(_admin, string.Join('\n', events.Select(Json)), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 10000", await response.Content.ReadAsStringAsync());
        Assert.Equal((10_000, 0), await ImportAsync(_admin, events[..10_000]));
    }

    [SkippableFact]
    public async Task ABodyOverEightMebibytesIs413AndOneJustUnderIsRead()
    {
        postgres.Require();
        var limit = 8 * 1024 * 1024;
        var line = Json(Event("imp-big", "one", DateTime.UtcNow.AddYears(-2)));
        var padded = line + new string(' ', limit - Encoding.UTF8.GetByteCount(line));

        using var over = await PostAsync(_admin, padded + " ", "application/x-ndjson");
        using var within = await PostAsync(_admin, padded, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, within.StatusCode);
    }

    [SkippableFact]
    public async Task AnImportKeyImportsItsOwnAccountOnlyAndAnIngestKeyMayNotImport()
    {
        postgres.Require();
        var (ingest, _) = await new StatsClient(_admin).CreateAccountAsync("imp-keys");
        using var issued = await _admin.PostAsJsonAsync("/api/accounts/imp-keys/keys", new { kind = "import" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var import = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        Assert.StartsWith("ocm_", import);
        var at = DateTime.UtcNow.AddYears(-5);

        using var withImportKey = Client(import);
        using var withIngestKey = Client(ingest);
        var own = Event("imp-keys", "own", at) with { Account = null! };
        Assert.Equal((1, 0), await ImportAsync(withImportKey, [own]));

        using var foreign = await PostAsync(withImportKey, Json(Event("imp-other", "x", at)), "application/json");
        await AssertProblemAsync(foreign, HttpStatusCode.Forbidden);
        using var byIngestKey = await PostAsync(withIngestKey, Json(Event("imp-keys", "y", at)), "application/json");
        await AssertProblemAsync(byIngestKey, HttpStatusCode.Forbidden);
        using var events = await withImportKey.PostAsync("/api/events", new StringContent(Json(Event("imp-keys", "z", DateTime.UtcNow)), Encoding.UTF8, "application/json"));
        await AssertProblemAsync(events, HttpStatusCode.Forbidden);
        using var anonymous = new HttpClient { BaseAddress = _admin.BaseAddress };
        using var noKey = await PostAsync(anonymous, Json(Event("imp-keys", "w", at)), "application/json");
        await AssertProblemAsync(noKey, HttpStatusCode.Unauthorized);

        await AssertDayTotalAsync("imp-keys", at, 1);
        var listed = await _admin.GetFromJsonAsync<JsonElement>("/api/accounts/imp-keys/keys");
        Assert.Contains("import", listed.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kind").GetString()));
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (postgres.ConnectionString is not { } connectionString)
        {
            return;
        }

        _app = await TestGateway.StartAsync(
            "--Counters:Storage", "PostgreSql",
            "--ConnectionStrings:Counters", connectionString,
            "--Counters:Security:AdminKey", AdminKey,
            "--Counters:Dashboard:Enabled", "false");
        _admin = Client(AdminKey);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        await TestGateway.StopAsync(_app);
    }

    private HttpClient Client(string key) => new()
    {
        BaseAddress = new Uri(_app!.Urls.First()),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        Timeout = TimeSpan.FromMinutes(2),
    };

    private static CounterEvent Event(string account, string id, DateTime at) => new()
    {
        Account = account,
        Type = CheckType,
        Url = "/",
        Timestamp = at,
        Id = id,
    };

    private static string Json(CounterEvent e) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["account"] = e.Account,
        ["type"] = e.Type,
        ["url"] = e.Url,
        ["userId"] = e.UserId,
        ["id"] = e.Id,
        ["timestamp"] = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
    }.Where(pair => pair.Value is not null).ToDictionary());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string mediaType) =>
        client.PostAsync("/api/import", new StringContent(body, Encoding.UTF8, mediaType));

    private static async Task<(int Accepted, int Repeats)> ImportAsync(HttpClient client, IEnumerable<CounterEvent> events)
    {
        using var response = await PostAsync(client, "[" + string.Join(',', events.Select(Json)) + "]", "application/json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        using var answer = JsonDocument.Parse(text);
        return (answer.RootElement.GetProperty("accepted").GetInt32(), answer.RootElement.GetProperty("repeats").GetInt32());
    }

    private async Task AssertDayTotalAsync(string account, DateTime at, long expected)
    {
        var series = SeriesKey.AllUrlsOf(account, CheckType);
        var stats = new StatsClient(_admin);
        foreach (var kind in new[] { PeriodKind.Hour, PeriodKind.Day, PeriodKind.Month, PeriodKind.Year })
        {
            var period = Period.Containing(kind, at);
            var counts = await Eventually.ReadAsync(() => stats.TrackAsync(series, period), c => c.Total == expected, TimeSpan.FromSeconds(20));
            Assert.Equal(expected, counts.Total);
        }
    }

    private static async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, string field, int index)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(index, error.GetProperty("index").GetInt32());
        return error;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
