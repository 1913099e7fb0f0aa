global using System.Diagnostics;
global using System.Globalization;
global using Orleans.Counters.Bench.Hosting;
global using Orleans.Counters.Bench.Load;
global using Orleans.Counters.Bench.Reporting;
