global using System.Diagnostics;
global using System.Globalization;
global using Orleans.Counters.Bench.Hosting;
global using Orleans.Counters.Bench.Load;
global using Orleans.Counters.Bench.Reporting;
global using Orleans.Counters.Testing;
