using Microsoft.AspNetCore.Mvc;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>The query of <c>GET /api/stats/{account}/top</c>, as sent: <see cref="StatsQuery"/> and <see cref="TopBy"/> check it.</summary>
/// <param name="Type">The event type.</param>
/// <param name="By"><c>url</c> (the default) or <c>referrer</c>.</param>
/// <param name="CountedPeriod">Query parameter <c>period</c>: <c>YYYY-MM-DD</c>, <c>YYYY-MM</c> or <c>YYYY</c>; default today.</param>
/// <param name="Limit">How many values to list; default <see cref="TopBy.DefaultLimit"/>.</param>
public sealed record TopQuery(string? Type, string? By, [FromQuery(Name = "period")] string? CountedPeriod, string? Limit);
