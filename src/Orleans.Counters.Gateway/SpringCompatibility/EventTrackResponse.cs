namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary><c>/event_track/</c>'s answer: the all-time count of one event type at one url.</summary>
/// <param name="Url">The url as the request sent it.</param>
/// <param name="Type">The event type.</param>
/// <param name="Count">Events of the type at the url's path, in every year from <see cref="SpringEventCounterSettings.FirstYear"/> on.</param>
public sealed record EventTrackResponse(string Url, string Type, long Count);
