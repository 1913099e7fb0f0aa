using System.Net.Http.Headers;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// With an admin key configured, every API request needs a key: the admin's, or one account's
/// ingest key (sends its events) or read key (reads its counts). Wrong or missing keys get 401,
/// keys used outside their account or kind 403, both as problem+json, and nothing is counted.
/// </summary>
public sealed class KeysTests(KeysGatewayFixture gateway) : IClassFixture<KeysGatewayFixture>
{
    // Two hours ago, on the hour: inside the event age window, and a period of its own to read.
    private static readonly DateTime When = DateTime.UtcNow.AddHours(-2) is var t ? new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc) : default;

    [Fact]
    public async Task TheAccountList_TakesTheAdminKey_AndListsACreatedAccount()
    {
        var (_, read) = await gateway.CreateAccountAsync("keys-listed");
        using var reader = gateway.With(read);

        using var refused = await reader.GetAsync("/api/accounts");
        var list = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/accounts");

        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "admin key");
        Assert.Contains("keys-listed", list.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account").GetString()));
    }

    [Fact]
    public async Task WithoutAKey_TheApiAnswers401_AndCountsNothing()
    {
        await gateway.CreateAccountAsync("keys-nokey");

        using var post = await gateway.Anonymous.PostAsJsonAsync("/api/events", Events("keys-nokey", 3));
        using var read = await gateway.Anonymous.GetAsync(TrackPath("keys-nokey"));

        await AssertProblemAsync(post, HttpStatusCode.Unauthorized, "Bearer <key>");
        Assert.Contains(post.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        Assert.Contains(post.Headers.WwwAuthenticate, header => header.Scheme == "Basic");
        await AssertProblemAsync(read, HttpStatusCode.Unauthorized, "Bearer <key>");
        Assert.Equal(0, await TotalAsync("keys-nokey"));
    }

    [Fact]
    public async Task AnIngestKey_SendsItsAccountsEvents_ThoseWithoutAnAccountIncluded()
    {
        var (ingest, _) = await gateway.CreateAccountAsync("keys-ingest");
        using var client = gateway.With(ingest);

        using var named = await client.PostAsJsonAsync("/api/events", Events("keys-ingest", 3));
        using var unnamed = await client.PostAsJsonAsync("/api/events", Enumerable.Range(0, 2).Select(_ => new { type = "pageview", timestamp = When }).ToList());

        Assert.Equal(HttpStatusCode.Accepted, named.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unnamed.StatusCode);
        await WaitForTotalAsync("keys-ingest", 5);
    }

    [Fact]
    public async Task AnIngestKey_SendingAnotherAccountsEvent_Gets403NamingIt_AndNothingIsCounted()
    {
        var (ingest, _) = await gateway.CreateAccountAsync("keys-foreign");
        await gateway.CreateAccountAsync("keys-victim");
        using var client = gateway.With(ingest);
        var events = Events("keys-foreign", 3);
        events[1] = events[1] with { Account = "keys-victim" };

        using var response = await client.PostAsJsonAsync("/api/events", events);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "own account's events only");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("account", error.GetProperty("field").GetString());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        using var valid = await client.PostAsJsonAsync("/api/events", Events("keys-foreign", 1));
        await WaitForTotalAsync("keys-foreign", 1);
        Assert.Equal(0, await TotalAsync("keys-victim"));
    }

    [Fact]
    public async Task AReadKey_ReadsItsAccount_AndNothingElse()
    {
        var (ingest, read) = await gateway.CreateAccountAsync("keys-reader");
        await gateway.CreateAccountAsync("keys-other");
        using (var sender = gateway.With(ingest))
        {
            (await sender.PostAsJsonAsync("/api/events", Events("keys-reader", 4))).Dispose();
        }

        await WaitForTotalAsync("keys-reader", 4);
        using var client = gateway.With(read);

        var own = await client.GetFromJsonAsync<JsonElement>(TrackPath("keys-reader"));
        using var other = await client.GetAsync(TrackPath("keys-other"));
        using var all = await client.GetAsync("/api/stats/all/realtime?type=pageview");
        using var post = await client.PostAsJsonAsync("/api/events", Events("keys-reader", 1));
        using var settings = await client.GetAsync("/api/accounts/keys-reader/settings");

        Assert.Equal(4, own.GetProperty("total").GetInt64());
        await AssertProblemAsync(other, HttpStatusCode.Forbidden, "read key reads its account's counts");
        await AssertProblemAsync(all, HttpStatusCode.Forbidden, "reading 'all' take the admin key");
        await AssertProblemAsync(post, HttpStatusCode.Forbidden, "ingest key sends");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
    }

    [Fact]
    public async Task AnIngestKey_CannotRead_AndNoAccountKeyCanManageKeysOrSettings()
    {
        var (ingest, read) = await gateway.CreateAccountAsync("keys-limited");
        using var ingestClient = gateway.With(ingest);
        using var readClient = gateway.With(read);

        using var ingestReads = await ingestClient.GetAsync(TrackPath("keys-limited"));
        using var readIssues = await readClient.PostAsJsonAsync("/api/accounts/keys-limited/keys", new { kind = "read" });
        using var ingestCreates = await ingestClient.PostAsJsonAsync("/api/accounts", new { account = "keys-limited-2" });
        using var readSetsZone = await readClient.PutAsJsonAsync("/api/accounts/keys-limited/settings", new { timeZone = "Europe/Paris" });

        await AssertProblemAsync(ingestReads, HttpStatusCode.Forbidden, "ingest key");
        await AssertProblemAsync(readIssues, HttpStatusCode.Forbidden, "admin key");
        await AssertProblemAsync(ingestCreates, HttpStatusCode.Forbidden, "admin key");
        await AssertProblemAsync(readSetsZone, HttpStatusCode.Forbidden, "admin key");
    }

    [Fact]
    public async Task WrongKeys_Get401_SayingWhy()
    {
        var (ingest, read) = await gateway.CreateAccountAsync("keys-wrong");
        var wrongSecret = read[..^4] + (read.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var wrongKind = "oci_" + read[4..];
        var unknownId = "ocr_0000000000000000" + read[20..];

        foreach (var (key, why) in new[]
        {
            ("not-a-key", "not one of this service's keys"),
            (read[..^1], "not one of this service's keys"),
            (wrongSecret, "unknown"),
            (wrongKind, "unknown"),
            (unknownId, "unknown"),
            (KeysGatewayFixture.AdminKey + "x", "not one of this service's keys"),
        })
        {
            using var client = gateway.With(key);
            using var response = await client.GetAsync(TrackPath("keys-wrong"));
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, why);
        }
    }

    [Fact]
    public async Task ARevokedKey_OpensNothing_AndIsListedAsRevoked()
    {
        var (_, read) = await gateway.CreateAccountAsync("keys-revoked");
        using var client = gateway.With(read);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TrackPath("keys-revoked"))).StatusCode);
        var id = read.Substring(4, 16);

        using var revoke = await gateway.Admin.DeleteAsync($"/api/accounts/keys-revoked/keys/{id}");
        using var after = await client.GetAsync(TrackPath("keys-revoked"));
        using var unknown = await gateway.Admin.DeleteAsync("/api/accounts/keys-revoked/keys/0000000000000000");
        var listed = await gateway.Admin.GetFromJsonAsync<JsonElement>("/api/accounts/keys-revoked/keys");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await AssertProblemAsync(after, HttpStatusCode.Unauthorized, "was revoked");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "no key with id");
        var keys = listed.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        Assert.All(keys, key => Assert.False(key.TryGetProperty("key", out _), "a listed key shows its secret"));
        var revoked = Assert.Single(keys, key => key.GetProperty("revokedAt").ValueKind != JsonValueKind.Null);
        Assert.Equal(id, revoked.GetProperty("id").GetString());
        Assert.Equal("read", revoked.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task TheAdmin_CreatesAccountsOnce_IssuesMoreKeys_AndReadsAll()
    {
        await gateway.CreateAccountAsync("keys-admin");

        using var again = await gateway.Admin.PostAsJsonAsync("/api/accounts", new { account = "keys-admin" });
        using var reserved = await gateway.Admin.PostAsJsonAsync("/api/accounts", new { account = SeriesKey.AllAccounts });
        using var issued = await gateway.Admin.PostAsJsonAsync("/api/accounts/keys-admin/keys", new { kind = "ingest" });
        using var badKind = await gateway.Admin.PostAsJsonAsync("/api/accounts/keys-admin/keys", new { kind = "write" });
        using var all = await gateway.Admin.GetAsync("/api/stats/all/realtime?type=pageview");

        await AssertProblemAsync(again, HttpStatusCode.Conflict, "has keys already");
        await StatsApi.AssertProblemNamingAsync(reserved, "account");
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        Assert.StartsWith("oci_", key);
        Assert.Equal(64, key.Length);
        await StatsApi.AssertProblemNamingAsync(badKind, "kind");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }

    [Fact]
    public async Task AKey_MayComeAsBasicPasswordOrQueryParameter()
    {
        var (ingest, read) = await gateway.CreateAccountAsync("keys-carriers");
        using var basic = new HttpClient { BaseAddress = gateway.Address };
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + read)));

        using var viaBasic = await basic.GetAsync(TrackPath("keys-carriers"));
        using var viaQuery = await gateway.Anonymous.PostAsJsonAsync($"/api/events?key={ingest}", Events("keys-carriers", 2));

        Assert.Equal(HttpStatusCode.OK, viaBasic.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, viaQuery.StatusCode);
        await WaitForTotalAsync("keys-carriers", 2);
    }

    [Fact]
    public async Task AReadKeyOverItsRateLimit_Gets429WithRetryAfter_OtherKeysAndTheAdminDoNot()
    {
        var (_, busy) = await gateway.CreateAccountAsync("keys-busy");
        var (_, calm) = await gateway.CreateAccountAsync("keys-calm");
        using var busyClient = gateway.With(busy);
        using var calmClient = gateway.With(calm);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var request = 0; request < KeysGatewayFixture.ReadBurst + 4 && limited is null; request++)
        {
            var response = await busyClient.GetAsync(TrackPath("keys-busy"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            // The bucket refills once a second: at least the burst passes before the first refusal.
            Assert.True(statuses.Count > KeysGatewayFixture.ReadBurst, string.Join(", ", statuses));
            await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate limit");
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        }

        using var other = await calmClient.GetAsync(TrackPath("keys-calm"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        for (var request = 0; request < 3 * KeysGatewayFixture.ReadBurst; request++)
        {
            using var admin = await gateway.Admin.GetAsync(TrackPath("keys-busy"));
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }
    }

    [Fact]
    public async Task TheOrleansDashboard_AsksForTheAdminKeyAsAPassword()
    {
        var (_, read) = await gateway.CreateAccountAsync("keys-dashboard");
        using var admin = new HttpClient { BaseAddress = gateway.Address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + KeysGatewayFixture.AdminKey)));
        using var reader = gateway.With(read);

        using var anonymous = await gateway.Anonymous.GetAsync(CountersGateway.OrleansDashboardPath + "/");
        using var withReadKey = await reader.GetAsync(CountersGateway.OrleansDashboardPath + "/");
        using var asAdmin = await admin.GetAsync(CountersGateway.OrleansDashboardPath + "/");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, header => header.Scheme == "Basic");
        Assert.Equal(HttpStatusCode.Forbidden, withReadKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains("<html", await asAdmin.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HealthMetricsAndTheApiDocument_NeedNoKey()
    {
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/openapi/v1.json" })
        {
            using var response = await gateway.Anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task SpringEventCounterEndpoints_TakeTheirAccountsKeys()
    {
        var (ingest, _) = await gateway.CreateAccountAsync(KeysGatewayFixture.SpringEventCounterAccount);
        var (otherIngest, _) = await gateway.CreateAccountAsync("keys-not-seed");
        var body = new { type = "pageview", ip = "10.0.0.1", url = "/seed" };

        using var own = await gateway.With(ingest).PutAsJsonAsync("/event_generate/", body);
        using var other = await gateway.With(otherIngest).PutAsJsonAsync("/event_generate/", body);
        using var none = await gateway.Anonymous.PutAsJsonAsync("/event_generate/", body);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    [Fact]
    public async Task AThousandMangledKeys_Get401_NeverA5xx_AndCountOnlyWhatWasAccepted()
    {
        var (ingest, _) = await gateway.CreateAccountAsync("keys-mangled");
        var random = new Random(20261124);
        var statuses = new Dictionary<int, int>();
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var key = random.Next(4) switch
            {
                0 => ingest[..random.Next(ingest.Length)],
                1 => ingest.Remove(random.Next(ingest.Length), 1).Insert(random.Next(ingest.Length - 1), ((char)random.Next(32, 127)).ToString()),
                2 => new string([.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => (char)random.Next(33, 127))]),
                _ => Convert.ToBase64String(Encoding.UTF8.GetBytes(ingest[..random.Next(ingest.Length)])),
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(Events("keys-mangled", 1)) };
            request.Headers.TryAddWithoutValidation("Authorization", Pick(random, ["Bearer ", "Basic ", "bearer ", "", "Token "]) + key);
            using var response = await gateway.Anonymous.SendAsync(request);
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
        }

        // A mangled key may by chance still be the key (a deletion and insertion of the same character): it is counted then.
        Assert.True(statuses.Keys.All(status => status is 401 or 202), string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        await WaitForTotalAsync("keys-mangled", statuses.GetValueOrDefault(202));
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];

    private static List<EventBody> Events(string account, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new EventBody(account, "pageview", When))];

    private static string TrackPath(string account) =>
        $"/api/stats/track/{account}/pageview/{When.Year}/{When.Month}/{When.Day}/{When.Hour}";

    private async Task<long> TotalAsync(string account) =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>(TrackPath(account))).GetProperty("total").GetInt64();

    private async Task WaitForTotalAsync(string account, long expected)
    {
        var total = await Eventually.ReadAsync(() => TotalAsync(account), total => total == expected);
        Assert.Equal(expected, total);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        Assert.Contains(detail, document.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return document.RootElement.Clone();
    }

    private sealed record EventBody(string Account, string Type, DateTime Timestamp);
}
