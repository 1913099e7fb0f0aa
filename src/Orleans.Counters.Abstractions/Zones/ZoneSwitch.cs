namespace Orleans.Counters.Zones;

/// <summary>From <paramref name="At"/> on, an account's messages are counted in <paramref name="Zone"/>.</summary>
/// <param name="At">
/// The first publish time (<see cref="Events.EventBatch.PublishedAt"/>, UTC) counted in the zone; <see cref="DateTime.MinValue"/> for
/// the account's first zone.
/// </param>
/// <param name="Zone">The IANA time zone; null for UTC.</param>
[GenerateSerializer, Immutable, Alias("counters.zone-switch")]
public sealed record ZoneSwitch([property: Id(0)] DateTime At, [property: Id(1)] string? Zone);
