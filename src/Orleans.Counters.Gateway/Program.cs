using Orleans.Counters.Gateway;

var app = await CountersGateway.BuildAsync(args);
await app.RunAsync();
