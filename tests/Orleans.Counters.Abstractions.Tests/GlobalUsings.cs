global using System.Globalization;
global using Orleans.Counters.Events;
global using Orleans.Counters.Periods;
global using Orleans.Counters.Series;
global using Orleans.Counters.Testing;
