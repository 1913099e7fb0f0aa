using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Counters.Hosting;
using Orleans.Hosting;

var builder = Host.CreateApplicationBuilder(args);
if (builder.Configuration["config"] is { Length: > 0 } configFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false);
}

var settings = CountersSettings.From(builder.Configuration);
if (settings.Storage == StorageMode.PostgreSql)
{
    await PostgresSchema.ApplyAsync(settings.ConnectionString!);
}

builder.UseOrleans(silo => silo.AddCounters(builder.Configuration));
await builder.Build().RunAsync();
