using Microsoft.Extensions.Hosting;
using Orleans.Counters.Client;
using Orleans.Counters.Hosting;
using Orleans.Hosting;

// Content root = where the binaries are, so appsettings.json is found whatever the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCountersConfigFile(args);

var settings = CountersSettings.From(builder.Configuration);
if (settings.Storage == StorageMode.PostgreSql)
{
    await PostgresSchema.ApplyAsync(settings.ConnectionString!);
}

builder.UseOrleans(silo => silo.AddCounters(builder.Configuration));
await builder.Build().RunAsync();
