global using System.Collections.Immutable;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Orleans;
global using Orleans.Counters.Events;
global using Orleans.Counters.Grains;
global using Orleans.Counters.Periods;
global using Orleans.Counters.Series;
global using Orleans.Counters.Client;
