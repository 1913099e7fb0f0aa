using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Postgres.Queue;
using Orleans.Runtime;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// The admin's dead-letter endpoints over real HTTP, on a gateway (with its silo) in PostgreSQL mode:
/// listed behind the admin key, replayed into their queue, bad input refused naming the field.
/// </summary>
public sealed class DeadLetterApiTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private const string AdminKey = "dead-letter-admin-key-0123456789abcdefghij";

    private WebApplication? _app;
    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;

    [SkippableFact]
    public async Task TheAdminListsDeadLettersAndReplaysOneBackIntoItsQueue()
    {
        postgres.Require();
        var queue = _app!.Services.GetRequiredKeyedService<PostgresEventQueue>(CounterStreams.ProviderName);
        // A stream no grain subscribes to: its rows stay, leased by the silo, and fail as a consumer reports.
        var stream = StreamId.Create("dead-letter-api", "acme");
        var (queueId, sequence) = Assert.Single(await queue.EnqueueAsync([queue.CreateMessage(stream, ["payload"])]));
        for (var i = 0; i < queue.Options.MaxDeliveries; i++)
        {
            await queue.RecordFailedDeliveryAsync(stream, sequence, "InvalidOperationException: cannot count it");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/api/admin/dead-letters")).StatusCode);
        var listed = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/dead-letters");
        Assert.Equal(1, listed.GetProperty("total").GetInt64());
        var dead = Assert.Single(listed.GetProperty("deadLetters").EnumerateArray());
        var id = $"{queueId}:{sequence}";
        Assert.Equal(id, dead.GetProperty("id").GetString());
        Assert.Equal(queueId, dead.GetProperty("queue").GetInt32());
        Assert.Equal(sequence, dead.GetProperty("sequence").GetInt64());
        Assert.Equal("acme", dead.GetProperty("account").GetString());
        Assert.Equal(queue.Options.MaxDeliveries, dead.GetProperty("failures").GetInt32());
        Assert.Equal("InvalidOperationException: cannot count it", dead.GetProperty("error").GetString());
        Assert.True(dead.TryGetProperty("deadAt", out _));

        using var replayed = await _admin.PostAsync($"/api/admin/dead-letters/replay?id={id}", content: null);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var answer = await replayed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("replayed").GetInt32());
        Assert.Equal([id], answer.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>("/api/admin/dead-letters")).GetProperty("total").GetInt64());
        var back = await queue.ReadStreamAsync(stream, after: 0, upTo: sequence);
        Assert.Equal([(sequence, (string?)null)], back.Select(m => (m.Sequence, m.Refusal)));

        using var again = await _admin.PostAsync($"/api/admin/dead-letters/replay?id={id}", content: null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [SkippableTheory]
    [InlineData("/api/admin/dead-letters?limit=0", "limit")]
    [InlineData("/api/admin/dead-letters?limit=abc", "limit")]
    [InlineData("/api/admin/dead-letters?limit=1001", "limit")]
    public async Task ABadLimitIsRefusedNamingIt(string path, string field)
    {
        postgres.Require();
        using var response = await _admin.GetAsync(path);
        await AssertRefusedAsync(response, field);
    }

    [SkippableTheory]
    [InlineData("nonsense")]
    [InlineData("1:")]
    [InlineData("-1:5")]
    [InlineData("0:0")]
    [InlineData("4096:1")]
    public async Task ABadReplayIdIsRefusedNamingIt(string id)
    {
        postgres.Require();
        using var response = await _admin.PostAsync($"/api/admin/dead-letters/replay?id={Uri.EscapeDataString(id)}", content: null);
        await AssertRefusedAsync(response, "id");
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
        var address = new Uri(_app.Urls.First());
        _anonymous = new HttpClient { BaseAddress = address };
        _admin = new HttpClient
        {
            BaseAddress = address,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", AdminKey) },
        };
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        _anonymous?.Dispose();
        await TestGateway.StopAsync(_app);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }
}
