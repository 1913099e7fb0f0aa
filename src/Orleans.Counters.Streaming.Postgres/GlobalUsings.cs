global using Microsoft.Extensions.Logging;
global using Npgsql;
global using Orleans.Runtime;
global using Orleans.Streams;
