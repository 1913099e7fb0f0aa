namespace Orleans.Counters.Gateway.Stats;

/// <summary>A period's counts: seed 000's shape plus account, url and total.</summary>
public sealed record TrackResponse(
    string Account,
    string Event,
    string Url,
    int Year,
    int? Month,
    int? Day,
    int? Hour,
    long Total,
    IReadOnlyDictionary<string, long> Data);

/// <summary>One minute of the last hour.</summary>
public sealed record MinuteResponse(DateTime Minute, long Count);

/// <summary>The current minute, hour and day, and the last 60 minutes, oldest first.</summary>
public sealed record RealtimeResponse(
    string Account,
    string Event,
    string Url,
    DateTime Now,
    long Minute,
    long Hour,
    long Day,
    IReadOnlyList<MinuteResponse> LastHour);

/// <summary>Counts by event type over [from, to).</summary>
public sealed record SummaryResponse(string Account, DateTime From, DateTime To, IReadOnlyDictionary<string, long> Counts);

/// <summary>One of the largest values of a top list.</summary>
public sealed record TopItemResponse(string Value, long Count);

/// <summary>The largest values of a dimension (url) for an event type in a day, month or year, largest first.</summary>
public sealed record TopResponse(string Account, string Event, string By, string Period, long Total, int Distinct, IReadOnlyList<TopItemResponse> Items);
