using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// A bounded fuzz of every endpoint: 10,000 random and mutated requests from a fixed seed, mutated as
/// UTF-8 bytes (so they can hold what no JSON encoder writes: lone surrogate escapes, raw control bytes,
/// bytes that are not UTF-8). No answer may be a 5xx, the gateway must still answer afterwards, and the fuzz accounts must hold exactly
/// the events of the requests that were accepted: a refused request changed nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class FuzzTests(GatewayFixture gateway, ITestOutputHelper output)
{
    private const int Seed = 20261123;
    private const int Requests = 10_000;
    private const string SeedUrl = "/fuzz-seed";
    private static readonly string[] Accounts = ["fuzz-a", "fuzz-b"];
    private static readonly string[] Types = ["pageview", "order"];
    private static readonly string[] ContentTypes = ["application/json", "application/x-ndjson", "text/plain", "application/xml", "", "application/json; charset=latin1", "multipart/form-data"];

    [Fact]
    public async Task TenThousandRandomRequests_GetNo5xx_AndChangeOnlyWhatTheyWereAcceptedFor()
    {
        var random = new Random(Seed);
        var seedBefore = await CountSeedAccountAsync();
        var requests = Enumerable.Range(0, Requests).Select(_ => NextRequest(random)).ToList();
        var statuses = new ConcurrentDictionary<(string Endpoint, int Status), int>();
        var failures = new ConcurrentQueue<string>();
        long acceptedEvents = 0, acceptedSeedEvents = 0;

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (fuzz, cancel) =>
        {
            using var request = fuzz.ToMessage();
            using var response = await gateway.Client.Http.SendAsync(request, cancel);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate((fuzz.Endpoint, status), 1, (_, n) => n + 1);
            var body = await response.Content.ReadAsStringAsync(cancel);
            if (status >= 500)
            {
                failures.Enqueue($"{fuzz.Method} {fuzz.Path} [{fuzz.ContentType}] {Preview(fuzz.Body)} → {status} {body[..Math.Min(body.Length, 300)]}");
            }
            else if (fuzz.Endpoint == "POST /api/events" && status == 202)
            {
                Interlocked.Add(ref acceptedEvents, JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32());
            }
            else if (fuzz.Endpoint == "PUT /event_generate" && status == 200)
            {
                Interlocked.Increment(ref acceptedSeedEvents);
            }
        });

        foreach (var ((endpoint, status), count) in statuses.OrderBy(s => s.Key.Endpoint).ThenBy(s => s.Key.Status))
        {
            output.WriteLine($"{endpoint} {status}: {count}");
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} answers ≥ 500, e.g.:\n{string.Join('\n', failures.Take(20))}");
        using (var alive = await gateway.Client.Http.GetAsync("/api/stats/all/realtime?type=pageview"))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        Assert.True(acceptedEvents > 100, $"only {acceptedEvents} events were accepted: the fuzz must also send valid requests");
        var counted = await Eventually.ReadAsync(CountFuzzAccountsAsync, n => n == acceptedEvents, TimeSpan.FromSeconds(30));
        Assert.Equal(acceptedEvents, counted);
        var seedCounted = await Eventually.ReadAsync(CountSeedAccountAsync, n => n - seedBefore == acceptedSeedEvents, TimeSpan.FromSeconds(30));
        Assert.Equal(acceptedSeedEvents, seedCounted - seedBefore);
        output.WriteLine($"seed {Seed}: {Requests} requests, {acceptedEvents} events accepted and counted, {acceptedSeedEvents} Spring-compatible events");
    }

    /// <summary>Every event (people's and bots') of the fuzz accounts' types in the years their timestamps may lie in.</summary>
    private async Task<long> CountFuzzAccountsAsync()
    {
        long total = 0;
        foreach (var account in Accounts)
        {
            foreach (var type in Types)
            {
                foreach (var year in Years())
                {
                    var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{account}/{type}/{year}");
                    total += body.GetProperty("total").GetInt64() + body.GetProperty("bots").GetInt64();
                }
            }
        }

        return total;
    }

    /// <summary>The Spring-compatible endpoints' account this year: accepted <c>/event_generate</c> bodies have no valid <c>datetime</c>, so they count now.</summary>
    private async Task<long> CountSeedAccountAsync()
    {
        long total = 0;
        foreach (var type in Types)
        {
            var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{GatewayFixture.SpringEventCounterAccount}/{type}/{DateTime.UtcNow.Year}");
            total += body.GetProperty("total").GetInt64() + body.GetProperty("bots").GetInt64();
        }

        return total;
    }

    private static IEnumerable<int> Years() => new[] { 2024, 2025, DateTime.UtcNow.Year }.Distinct();

    private static FuzzRequest NextRequest(Random random) => random.Next(11) switch
    {
        < 4 => PostEvents(random),
        4 => Track(random),
        5 => Query(random),
        6 => Settings(random),
        7 => SeedGenerate(random),
        8 => SeedRead(random),
        9 => Keys(random),
        _ => Garbage(random),
    };

    private static FuzzRequest PostEvents(Random random)
    {
        var events = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Mutate(ValidEvent(random), random)).ToList();
        var shape = random.Next(4);
        var body = shape switch
        {
            0 => Utf8(events[0]),
            1 => Utf8(new JsonArray([.. events])),
            2 => Encoding.UTF8.GetBytes(string.Join('\n', events.Select(e => e?.ToJsonString() ?? "null"))),
            _ => Damage(Utf8(new JsonArray([.. events])), random),
        };
        var contentType = shape == 2 ? "application/x-ndjson" : random.Next(8) == 0 ? Pick(random, ContentTypes) : "application/json";
        return new FuzzRequest("POST /api/events", HttpMethod.Post, "/api/events", contentType, MutateBytes(body, random));
    }

    private static FuzzRequest Track(Random random)
    {
        string[] parts = [Pick(random, [.. Accounts, "all", "a!b", "", "%2F", new string('a', 65)]), Pick(random, [.. Types, "", "..", "p%00"]), Number(random)];
        var path = "/api/stats/track/" + string.Join('/', parts.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => Number(random))));
        var query = random.Next(3) switch { 0 => "", 1 => "?url=" + Pick(random, ["/x", "http://a/b?c", "%", "javascript:x", new string('/', 3000)]), _ => "?format=" + Pick(random, ["csv", "json", "xml", ""]) };
        return new FuzzRequest("GET track", HttpMethod.Get, path + query, null, null);
    }

    private static FuzzRequest Query(Random random)
    {
        var endpoint = Pick(random, ["realtime", "summary", "top"]);
        var query = string.Join('&', Enumerable.Range(0, random.Next(6)).Select(_ =>
            Pick(random, ["type", "url", "from", "to", "period", "limit", "by", "format"]) + "=" +
            Uri.EscapeDataString(Pick(random, ["pageview", "order", "", "2025-01-01T00:00:00Z", "2025-13-01", "0001-01-01", "99999-01-01", "2025", "2025-02-29", "-1", "2147483648", "referrer", "url", "csv", "\u0000", new string('9', 400)]))));
        return new FuzzRequest($"GET {endpoint}", HttpMethod.Get, $"/api/stats/{Pick(random, [.. Accounts, "all", "a!b"])}/{endpoint}?{query}", null, null);
    }

    private static FuzzRequest Settings(Random random)
    {
        // Accounts of their own: a time zone set on a counted fuzz account would move its counts out of the UTC years read above.
        var account = Pick(random, ["fuzz-settings-1", "fuzz-settings-2", "all", "a!b"]);
        if (random.Next(3) == 0)
        {
            return new FuzzRequest("GET settings", HttpMethod.Get, $"/api/accounts/{account}/settings", null, null);
        }

        var body = Pick(random, ["{\"timeZone\":\"Europe/Paris\"}", "{\"timeZone\":\"Mars/Base\"}", "{\"timeZone\":null}", "{\"timeZone\":[]}", "[]", "{", "", "{\"timeZone\":\"" + new string('x', 9000) + "\"}", "{\"timeZone\":\"UTC\",\"timeZone\":\"Asia/Kolkata\"}"]);
        return new FuzzRequest("PUT settings", HttpMethod.Put, $"/api/accounts/{account}/settings", Pick(random, ["application/json", "text/plain", ""]), MutateBytes(Encoding.UTF8.GetBytes(body), random));
    }

    private static FuzzRequest Keys(Random random)
    {
        var account = Pick(random, ["fuzz-keys-1", "fuzz-keys-2", "all", "a!b", new string('k', 65)]);
        var json = Pick(random, ["application/json", "text/plain", ""]);
        return random.Next(4) switch
        {
            0 => new FuzzRequest("POST /api/accounts", HttpMethod.Post, "/api/accounts", json, MutateBytes(Encoding.UTF8.GetBytes(Pick(random,
                ["{\"account\":\"" + account + "\"}", "{\"account\":7}", "{}", "[]", "{", "", "{\"account\":\"" + new string('x', 5000) + "\"}"])), random)),
            1 => new FuzzRequest("POST keys", HttpMethod.Post, $"/api/accounts/{account}/keys", json, MutateBytes(Encoding.UTF8.GetBytes(Pick(random,
                ["{\"kind\":\"read\"}", "{\"kind\":\"ingest\"}", "{\"kind\":\"admin\"}", "{\"kind\":null}", "null", "{"])), random)),
            2 => new FuzzRequest("GET keys", HttpMethod.Get, $"/api/accounts/{account}/keys", null, null),
            _ => new FuzzRequest("DELETE key", HttpMethod.Delete, $"/api/accounts/{account}/keys/{Pick(random, ["0000000000000000", "x", "%00", new string('f', 300)])}", null, null),
        };
    }

    private static FuzzRequest SeedGenerate(Random random)
    {
        var seedEvent = new JsonObject { ["type"] = Pick(random, Types), ["url"] = SeedUrl, ["ip"] = "198.51.100." + random.Next(256) };
        var body = Utf8(Mutate(seedEvent, random));
        return new FuzzRequest("PUT /event_generate", HttpMethod.Put, Pick(random, ["/event_generate/", "/event_generate"]), "application/json", MutateBytes(random.Next(6) == 0 ? Damage(body, random) : body, random));
    }

    private static FuzzRequest SeedRead(Random random)
    {
        var body = Utf8(Mutate(new JsonObject { ["url"] = SeedUrl, ["type"] = Pick(random, Types), ["date"] = "2025-06-01" }, random));
        var path = Pick(random, ["/event_track/", "/event_report/", "/event_report"]);
        return new FuzzRequest($"POST {path.TrimEnd('/')}", HttpMethod.Post, path, "application/json", MutateBytes(body, random));
    }

    private static FuzzRequest Garbage(Random random)
    {
        var bytes = new byte[random.Next(0, 2048)];
        random.NextBytes(bytes);
        var target = Pick(random, ["/api/events", "/event_generate/", "/event_track/", "/api/accounts/fuzz-settings-1/settings", "/api/stats/fuzz-a/summary", "/", "/openapi/v1.json", "/health/ready", "/api/accounts", "/api/accounts/fuzz-keys-1/keys", "/orleans/"]);
        var method = Pick(random, [HttpMethod.Post, HttpMethod.Put, HttpMethod.Get, HttpMethod.Delete, HttpMethod.Patch]);
        return new FuzzRequest($"{method} (random bytes)", method, target, Pick(random, ContentTypes), method == HttpMethod.Get ? null : bytes);
    }

    /// <summary>A valid event of a fuzz account: no timestamp (now), or one in 2024–2025.</summary>
    private static JsonObject ValidEvent(Random random)
    {
        var valid = new JsonObject { ["account"] = Pick(random, Accounts), ["type"] = Pick(random, Types) };
        if (random.Next(2) == 0)
        {
            valid["timestamp"] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(2 * 365 * 24 * 60)).ToString("O");
        }

        if (random.Next(2) == 0)
        {
            valid["url"] = "/page/" + random.Next(20);
        }

        if (random.Next(3) == 0)
        {
            valid["value"] = random.Next(100_000) / 100.0;
        }

        if (random.Next(3) == 0)
        {
            valid["userId"] = "u" + random.Next(50);
        }

        return valid;
    }

    /// <summary>
    /// Half the time unchanged; otherwise a field removed, retyped or given an invalid value. Account and
    /// type never become another valid name, so whatever is accepted lands in the accounts read above.
    /// </summary>
    private static JsonNode? Mutate(JsonObject valid, Random random)
    {
        if (random.Next(2) == 0)
        {
            return valid;
        }

        string[] fields = ["account", "type", "url", "timestamp", "value", "userId", "userAgent", "properties", "id", "ip", "datetime", "date"];
        var field = Pick(random, fields);
        JsonNode? value = random.Next(12) switch
        {
            0 => null,
            1 => 42,
            2 => true,
            3 => new JsonArray(1, "two"),
            4 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = 1 } },
            5 => new string('z', random.Next(65, 5000)),
            6 => "bad name!",
            7 => "\u0000\u001f\u007f\u0085",
            8 => 1e300,
            9 => "2024-02-30T25:61:00Z",
            10 => "",
            _ => "9999-12-31T23:59:59Z",
        };
        if (random.Next(5) == 0)
        {
            valid.Remove(field);
        }
        else
        {
            valid[field] = value;
        }

        return random.Next(20) == 0 ? Nest(valid, random.Next(10, 200)) : valid;
    }

    private static JsonNode Nest(JsonNode node, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    /// <summary>Cuts, doubles or corrupts part of a JSON text's bytes.</summary>
    private static byte[] Damage(byte[] json, Random random) => random.Next(4) switch
    {
        0 => json[..random.Next(json.Length)],
        1 => [.. json, .. json],
        2 => [.. json.Select(b => b == (byte)'"' ? (byte)'\'' : b)],
        _ => Insert(json, random.Next(json.Length), "\\x\u0001{"u8.ToArray()),
    };

    /// <summary>
    /// Half the time unchanged; otherwise bytes inserted that a JSON encoder never writes: escapes of control
    /// characters and of lone surrogates, raw control bytes, bytes that are not UTF-8 (a stray continuation,
    /// an encoded surrogate, an overlong NUL). Mostly just after a quote, inside a name or a string value.
    /// A valid surrogate pair is among them: it makes an account or type invalid but is fine in a url or id.
    /// </summary>
    private static byte[] MutateBytes(byte[] json, Random random)
    {
        if (random.Next(2) == 0)
        {
            return json;
        }

        byte[][] insertions =
        [
            [.. "\\u0000"u8], [.. "\\ud800"u8], [.. "\\udc00"u8], [.. "\\udbff\\u0041"u8], [.. "\\u001f"u8], [.. "\\t"u8], [.. "\\u0085"u8],
            [.. "\\ud83d\\ude00"u8], [0x00], [0x09], [0x0A], [0x7F], [0xC2, 0x85], [0xFF], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        ];
        var quotes = json.Select((b, at) => (b, at)).Where(x => x.b == (byte)'"').Select(x => x.at + 1).ToList();
        var at = quotes.Count > 0 && random.Next(4) != 0 ? Pick(random, [.. quotes]) : random.Next(json.Length + 1);
        return Insert(json, at, Pick(random, insertions));
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];

    private static byte[] Utf8(JsonNode? node) => Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");

    private static string Number(Random random) => Pick(random, ["2025", "2024", "0", "-1", "99999", "12", "13", "31", "30", "24", "23", "02", "x", "2147483648"]);

    private static T Pick<T>(Random random, T[] options) => options[random.Next(options.Length)];

    private static string Preview(byte[]? body) => body is null ? "" : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));

    private sealed record FuzzRequest(string Endpoint, HttpMethod Method, string Path, string? ContentType, byte[]? Body)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(Method, Path);
            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                if (!string.IsNullOrEmpty(ContentType))
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            return message;
        }
    }
}
