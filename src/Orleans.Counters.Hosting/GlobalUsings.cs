global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Orleans;
global using Orleans.Hosting;
global using Orleans.Counters.Client;
global using Microsoft.Extensions.Options;
global using Orleans.Counters.Configuration;
