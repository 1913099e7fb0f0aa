namespace Orleans.Counters.Ship.Mapping;

/// <summary>Which lines become events, and what the events are.</summary>
/// <param name="Account">The account the events are counted for.</param>
/// <param name="Type">The event type.</param>
/// <param name="AllStatuses">Count lines of every status, not only 2xx and 3xx.</param>
/// <param name="AllMethods">Count requests of every method, not only GET.</param>
public sealed record MappingOptions(string Account, string Type, bool AllStatuses = false, bool AllMethods = false);
