namespace Orleans.Counters.Gateway.Stats;

/// <summary>What the stats handlers use, bound from the request's services in one parameter.</summary>
/// <param name="Counters">Reads counts and accounts' time zones.</param>
/// <param name="Windows">The periods a read can find counts in now.</param>
/// <param name="Clock">The server's clock: "now" of the realtime view and the default day of a top list.</param>
public sealed record StatsServices(CounterReader Counters, CountWindows Windows, TimeProvider Clock);
