using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Counters.Hosting;
using Orleans.Counters.Hosting.Operations;
using Orleans.Hosting;

// Content root = where the binaries are, so appsettings.json is found whatever the working directory.
// A web host only for /health/* and /metrics (Counters:Silo:HttpPort), so an orchestrator can probe the silo.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCountersConfigFile(args);

builder.UseOrleans(silo => silo.AddCounters(builder.Configuration));
builder.AddSiloOperations();
var app = builder.Build();
app.MapSiloOperations();
// Taken before running: once a failed start has disposed the host, its services cannot be resolved.
var started = app.Lifetime.ApplicationStarted;
var logger = app.Logger;
try
{
    await app.RunAsync();
}
catch (Exception exception) when (exception is OperationCanceledException or OrleansLifecycleCanceledException && !started.IsCancellationRequested)
{
    // SIGTERM while the silo was still joining (an autoscaler changing its mind): it held no grains
    // and had not become Active, so there is nothing to hand over. It used to crash, exit code 134.
    logger.LogInformation("Stopped while starting: the silo never joined the cluster");
}
