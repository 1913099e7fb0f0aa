global using Npgsql;
global using Orleans.Counters.Testing;
global using Orleans.Runtime;
global using Orleans.Streams;
