using Orleans.Counters.Ship.Parsing;

namespace Orleans.Counters.Ship.Mapping;

/// <summary>
/// Turns parsed log lines into events. By default only successful page loads count: GET requests
/// answered 2xx or 3xx. Each event is checked with the gateway's own <see cref="EventValidator"/>,
/// because the gateway refuses a whole request for one bad event: a line it would refuse (say, older
/// than its age limit) is left out here instead of costing the other events of its batch.
/// </summary>
public sealed class EventMapper(MappingOptions options, UserIdHasher hasher, EventValidator validator, TimeProvider clock)
{
    /// <summary>The longest user agent sent; longer ones are cut.</summary>
    public const int MaxUserAgentLength = 512;

    /// <summary>The property that carries the referrer.</summary>
    public const string ReferrerProperty = "referrer";

    /// <summary>Maps one parsed line.</summary>
    public MappedLine Map(AccessLogRecord record)
    {
        if ((!options.AllMethods && record.Method != "GET")
            || (!options.AllStatuses && record.Status is < 200 or > 399)
            || !IsPage(record.Target))
        {
            return MappedLine.Ignored;
        }

        var referrer = Cut(record.Referrer, EventLimits.MaxPropertyValueLength);
        var input = new EventInput
        {
            Account = options.Account,
            Type = options.Type,
            Url = record.Target,
            UserId = hasher.Hash(record.Host, record.UserAgent),
            Timestamp = record.Time,
            Properties = referrer is null ? null : new Dictionary<string, string> { [ReferrerProperty] = referrer },
        };
        var errors = new List<FieldError>(1);
        if (validator.Validate(input, 0, clock.GetUtcNow().UtcDateTime, errors) is not { } valid)
        {
            return MappedLine.Invalid(string.Join("; ", errors.Select(e => $"{e.Field} {e.Reason}")));
        }

        return MappedLine.Counted(new AccessEvent(
            valid.Account,
            valid.Type,
            valid.Url!,
            valid.Timestamp,
            valid.UserId!,
            Cut(record.UserAgent, MaxUserAgentLength),
            referrer));
    }

    /// <summary>
    /// A path or an absolute http(s) URL. Other targets (<c>OPTIONS *</c>, <c>CONNECT host:443</c>)
    /// are not pages: with <c>--all-methods</c> they are left out rather than reported as invalid.
    /// </summary>
    private static bool IsPage(string target) =>
        target.StartsWith('/')
        || target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Cuts text to a length, never between the two halves of a surrogate pair.</summary>
    private static string? Cut(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..length];
    }
}
