using Microsoft.AspNetCore.Mvc;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>The query of <c>GET /api/stats/{account}/summary</c>, as sent: <see cref="StatsQuery"/> checks it.</summary>
/// <param name="Type">One event type; every type the account has sent when absent.</param>
/// <param name="From">The range's first instant (ISO-8601), with <paramref name="To"/>; or <paramref name="CountedPeriod"/>.</param>
/// <param name="To">The first instant after the range.</param>
/// <param name="CountedPeriod">Query parameter <c>period</c>, instead of from and to: see <see cref="PeriodNames"/>.</param>
/// <param name="Url">Narrows the counts to one URL.</param>
/// <param name="Referrer">Narrows the counts to the events from one referrer's site.</param>
public sealed record SummaryQuery(
    string? Type, string? From, string? To, [FromQuery(Name = "period")] string? CountedPeriod, string? Url, string? Referrer);
