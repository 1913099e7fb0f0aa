namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// The filters of a stats request, as sent: <c>url=</c>, <c>referrer=</c> and <c>prop:NAME=</c> (read from the
/// query string, whose names minimal APIs cannot bind). <see cref="StatsQuery"/> checks them: counts are kept
/// for one URL, one referrer or one property value at a time, so at most one applies.
/// </summary>
/// <param name="Url">The URL the counts are narrowed to.</param>
/// <param name="Referrer">The referrer's site the counts are narrowed to.</param>
/// <param name="Properties">Each <c>prop:NAME=VALUE</c> parameter: its name (without <c>prop:</c>) and its values.</param>
public sealed record SeriesFilter(string? Url, string? Referrer, IReadOnlyList<KeyValuePair<string, string?[]>> Properties)
{
    /// <summary>No filter: every URL.</summary>
    public static SeriesFilter None { get; } = new(null, null, []);

    /// <summary>The filters of a request whose <paramref name="url"/> and <paramref name="referrer"/> were bound, and whose <c>prop:</c> parameters are in <paramref name="query"/>.</summary>
    public static SeriesFilter Of(string? url, string? referrer, IQueryCollection query) => new(
        url,
        referrer,
        [.. query
            .Where(parameter => parameter.Key.StartsWith(QueryParameters.PropertyPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(parameter => KeyValuePair.Create(parameter.Key[QueryParameters.PropertyPrefix.Length..], parameter.Value.ToArray()))]);
}
