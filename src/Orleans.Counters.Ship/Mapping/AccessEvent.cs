namespace Orleans.Counters.Ship.Mapping;

/// <summary>An event made from an access-log line, checked against the gateway's rules, ready to post.</summary>
/// <param name="Account">The account the events are counted for (<c>--account</c>).</param>
/// <param name="Type">The event type (<c>--type</c>).</param>
/// <param name="Url">The requested path, without its query string.</param>
/// <param name="Timestamp">When the request was received, in UTC.</param>
/// <param name="UserId">The salted hash of the client address and user agent.</param>
/// <param name="UserAgent">The user agent, cut to <see cref="EventMapper.MaxUserAgentLength"/>; null when the line had none.</param>
/// <param name="Referrer">The referrer, cut to the gateway's property value limit; null when the line had none.</param>
public sealed record AccessEvent(
    string Account,
    string Type,
    string Url,
    DateTime Timestamp,
    string UserId,
    string? UserAgent,
    string? Referrer)
{
    /// <summary>The event id (see <see cref="Input.LineIds"/>); a durable gateway counts an (account, id) once.</summary>
    public string? Id { get; init; }
}
