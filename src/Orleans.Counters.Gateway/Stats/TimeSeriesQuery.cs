using Microsoft.AspNetCore.Mvc;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>The query of <c>GET /api/stats/{account}/timeseries</c>, as sent: <see cref="StatsQuery"/> checks it.</summary>
/// <param name="Type">The event type.</param>
/// <param name="CountedPeriod">Query parameter <c>period</c> (see <see cref="PeriodNames"/>); default today.</param>
/// <param name="Interval"><c>minute</c>, <c>hour</c>, <c>day</c> or <c>month</c>; default by the period (<see cref="StatsRange.DefaultInterval"/>).</param>
/// <param name="Url">Narrows the series to one URL.</param>
/// <param name="Referrer">Narrows the series to the events from one referrer's site.</param>
public sealed record TimeSeriesQuery(
    string? Type, [FromQuery(Name = "period")] string? CountedPeriod, string? Interval, string? Url, string? Referrer);
