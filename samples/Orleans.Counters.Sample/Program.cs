using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Counters.Client;
using Orleans.Counters.Events;
using Orleans.Counters.Periods;
using Orleans.Counters.Postgres;
using Orleans.Counters.Series;
using Orleans.Hosting;

// A .NET service that counts orders through the Orleans client, without HTTP: it sends a few
// orders, then reads today's count back. Point it at a cluster with the same settings as the
// gateway, e.g. --Counters:Cluster:GatewayPort 30000 (default mode) or --config silo-config/gateway.postgres.json.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleansClient(client =>
{
    // The client library alone knows a cluster in memory. A cluster on PostgreSQL takes
    // Orleans.Counters.Postgres' AddPostgresCounters: clustering through PostgreSQL, and events
    // committed to the durable queue by this process, each id counted once.
    if (CountersSettings.From(builder.Configuration).Storage == StorageMode.PostgreSql)
    {
        client.AddPostgresCounters(builder.Configuration);
    }
    else
    {
        client.AddCounters(builder.Configuration);
    }
});
using var host = builder.Build();
await host.StartAsync();

var client = host.Services.GetRequiredService<IClusterClient>();
var account = builder.Configuration["account"] ?? "sample-shop";
var orders = int.Parse(builder.Configuration["orders"] ?? "25");
var today = Period.Containing(PeriodKind.Day, DateTime.UtcNow);
var series = SeriesKey.AllUrlsOf(account, "order");
var before = (await client.GetCountsAsync(series, today)).Total;

var sent = await client.SendEventsAsync(Enumerable.Range(1, orders).Select(i => new EventInput
{
    Account = account,
    Type = "order",
    Url = "/checkout",
    Value = 10 + i,
    Id = $"order-{Guid.NewGuid():N}",
}));
Console.WriteLine($"sent {sent} orders for {account}");

// Counts are fresh within a second; wait up to ten.
var deadline = DateTime.UtcNow.AddSeconds(10);
long counted;
while ((counted = (await client.GetCountsAsync(series, today)).Total - before) < sent && DateTime.UtcNow < deadline)
{
    await Task.Delay(100);
}

Console.WriteLine($"counted {counted} of them today ({today})");
await host.StopAsync();
return counted == sent ? 0 : 1;
