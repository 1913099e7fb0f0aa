global using BenchmarkDotNet.Attributes;
global using Orleans.Counters.Events;
global using Orleans.Counters.Periods;
