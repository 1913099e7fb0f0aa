namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// The path of <c>GET /api/stats/track/{account}/{type}/{year}[/{month}[/{day}[/{hour}]]]</c>, as sent:
/// <see cref="StatsQuery"/> checks each part, so that a bad one is a 400 naming it rather than a 404.
/// </summary>
/// <param name="Account">The account, or <c>all</c>.</param>
/// <param name="Type">The event type.</param>
/// <param name="Year">The year.</param>
/// <param name="Month">The month, for a month's days or finer.</param>
/// <param name="Day">The day, for a day's hours or an hour's minutes.</param>
/// <param name="Hour">The hour, for its minutes.</param>
public sealed record TrackRoute(string Account, string Type, string Year, string? Month, string? Day, string? Hour);
