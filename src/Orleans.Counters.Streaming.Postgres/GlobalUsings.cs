global using Microsoft.Extensions.Logging;
global using Npgsql;
global using Orleans.Runtime;
global using Orleans.Streams;
global using Microsoft.Extensions.Options;
global using Orleans.Counters.Configuration;
