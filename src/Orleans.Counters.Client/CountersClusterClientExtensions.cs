using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Client;

/// <summary>
/// Sends events to and reads counts from a counters cluster through an Orleans client, without
/// HTTP. Events take the same path as the gateway's: validated, then one stream message per
/// account. Configure the client with <see cref="CountersClientBuilderExtensions.AddCounters"/>
/// (memory mode) or <c>AddPostgresCounters</c> of Orleans.Counters.Postgres (PostgreSQL mode).
/// </summary>
/// <example>
/// <code>
/// await client.SendEventsAsync([new EventInput { Account = "acme", Type = "order", Value = 59.90 }]);
/// var today = await client.GetCountsAsync(SeriesKey.AllUrlsOf("acme", "order"), Period.Containing(PeriodKind.Day, DateTime.UtcNow));
/// </code>
/// </example>
public static class CountersClusterClientExtensions
{
    private static readonly EventValidator DefaultValidator = new(new EventLimits(), TimeProvider.System);

    /// <summary>Validates and sends events: all of them, or none when any breaks a rule.</summary>
    /// <param name="client">A client configured for the counters cluster.</param>
    /// <param name="events">The events; those without a timestamp are counted now.</param>
    /// <param name="validator">Rules other than the defaults (400 days' maximum age, 5 minutes' future skew).</param>
    /// <returns>How many events were sent.</returns>
    /// <exception cref="InvalidEventsException">Some event breaks a rule; nothing was sent.</exception>
    public static async Task<int> SendEventsAsync(this IClusterClient client, IEnumerable<EventInput> events, EventValidator? validator = null)
    {
        var errors = new List<FieldError>();
        var valid = (validator ?? DefaultValidator).ValidateAll(events.ToList(), (client.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime, errors);
        if (errors.Count > 0)
        {
            throw new InvalidEventsException(errors);
        }

        await new EventPublisher(client).PublishAsync(valid);
        return valid.Count;
    }

    /// <summary>A period's counts per segment and in total: a year's months, a month's days, a day's hours, an hour's minutes.</summary>
    public static Task<PeriodCounts> GetCountsAsync(this IClusterClient client, SeriesKey series, Period period) =>
        new CounterReader(client).ReadAsync(series, period);

    /// <summary>The count of a series over [from, to), at minute precision.</summary>
    public static async Task<long> CountAsync(this IClusterClient client, SeriesKey series, DateTime from, DateTime to) =>
        (await client.SummarizeAsync(series, from, to)).Count;

    /// <summary>What a series counted over [from, to), in the periods of its account's time zone.</summary>
    public static async Task<RangeTotals> SummarizeAsync(this IClusterClient client, SeriesKey series, DateTime from, DateTime to)
    {
        var reader = new CounterReader(client);
        return await reader.SummarizeRangeAsync(series, from, to, await reader.TimeZoneAsync(series.Account));
    }

    /// <summary>The event types an account (or <c>all</c>) has sent.</summary>
    public static Task<ImmutableArray<string>> GetEventTypesAsync(this IClusterClient client, string account) =>
        new CounterReader(client).TypesAsync(account);
}
