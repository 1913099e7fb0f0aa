using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Orleans.Counters.Client;
using Orleans.Counters.Hosting;
using Orleans.Counters.Hosting.Operations;
using Orleans.Hosting;

// Content root = where the binaries are, so appsettings.json is found whatever the working directory.
// A web host only for /health/* and /metrics (Counters:Silo:HttpPort), so an orchestrator can probe the silo.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCountersConfigFile(args);

var settings = CountersSettings.From(builder.Configuration);
if (settings.Storage == StorageMode.PostgreSql)
{
    await PostgresSchema.ApplyAsync(settings.ConnectionString!);
}

builder.UseOrleans(silo => silo.AddCounters(builder.Configuration));
builder.AddSiloOperations();
var app = builder.Build();
app.MapSiloOperations();
await app.RunAsync();
