using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Postgres.Queue;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// The silo process's HTTP surface in durable mode, over real HTTP: <c>/health/ready</c> fails with the
/// reason while dead letters exist, and <c>/metrics</c> counts them.
/// </summary>
public sealed class SiloDeadLetterOperationsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [SkippableFact]
    public async Task ReadinessFailsWithTheReasonAndTheGaugeCountsTheDeadLetters()
    {
        var connectionString = postgres.Require();
        await PostgresSchema.ApplyAsync(connectionString);
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Counters:Storage"] = "PostgreSql",
            ["ConnectionStrings:Counters"] = connectionString,
            ["Counters:Silo:HttpPort"] = "0",
        });
        // What the silo's Orleans part registers for the operations to read: the queue and a serializer.
        builder.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(EventBatch).Assembly));
        builder.Services.AddPostgresEventQueue(CounterStreams.ProviderName, _ => { });
        builder.AddSiloOperations();
        // No Orleans silo runs in this host: leave out the check that asks it for its membership.
        builder.Services.Configure<HealthCheckServiceOptions>(options => options.Registrations.Remove(options.Registrations.Single(r => r.Name == "cluster")));
        await using var app = builder.Build();
        app.MapSiloOperations();
        var queue = app.Services.GetRequiredKeyedService<PostgresEventQueue>(CounterStreams.ProviderName);
        var stream = StreamId.Create("silo-operations", "acme");
        var (_, sequence) = Assert.Single(await queue.EnqueueAsync([queue.CreateMessage(stream, ["payload"])]));
        for (var i = 0; i < queue.Options.MaxDeliveries; i++)
        {
            await queue.RecordFailedDeliveryAsync(stream, sequence, "boom");
        }

        await app.StartAsync();
        try
        {
            var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using var ready = await http.GetAsync(HealthChecks.ReadyPath);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
            var deadLetters = report.GetProperty("checks").GetProperty("dead-letters");
            Assert.Equal("Unhealthy", deadLetters.GetProperty("status").GetString());
            Assert.StartsWith("1 dead letter(s) in the events queue", deadLetters.GetProperty("description").GetString());

            var metrics = await Eventually.ReadAsync(
                () => http.GetStringAsync(CountersMetrics.Path),
                text => text.Contains("counters_queue_dead_letters 1", StringComparison.Ordinal)
                    || text.Contains("counters_queue_dead_letters{", StringComparison.Ordinal),
                TimeSpan.FromSeconds(15));
            Assert.Matches(@"(?m)^counters_queue_dead_letters(\{[^}]*\})? 1( |$)", metrics);

            Assert.Single(await queue.ReplayDeadLettersAsync());
            var after = await (await http.GetAsync(HealthChecks.ReadyPath)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Healthy", after.GetProperty("checks").GetProperty("dead-letters").GetProperty("status").GetString());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
