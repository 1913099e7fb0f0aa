using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Counters.Testing;

/// <summary>Talks to a gateway's HTTP API the way a client would.</summary>
public sealed class StatsClient(HttpClient http)
{
    /// <summary>The underlying client, for requests the helpers do not cover.</summary>
    public HttpClient Http => http;

    /// <summary>Posts events as a JSON array; throws unless the gateway answers 202 with the count.</summary>
    public async Task PostAsync(IReadOnlyCollection<CounterEvent> events)
    {
        using var response = await SendAsync(events);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"POST /api/events answered {(int)response.StatusCode}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        var accepted = document.RootElement.GetProperty("accepted").GetInt32();
        if (accepted != events.Count)
        {
            throw new HttpRequestException($"POST /api/events accepted {accepted} of {events.Count} events");
        }
    }

    /// <summary>
    /// Creates an account (this client must send the admin key); throws unless the gateway answers 201.
    /// </summary>
    /// <returns>The account's ingest and read keys.</returns>
    public async Task<(string Ingest, string Read)> CreateAccountAsync(string account)
    {
        using var response = await http.PostAsJsonAsync("/api/accounts", new { account });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new HttpRequestException($"creating {account} answered {(int)response.StatusCode}: {text}");
        }

        using var created = JsonDocument.Parse(text);
        return (
            created.RootElement.GetProperty("ingestKey").GetProperty("key").GetString()!,
            created.RootElement.GetProperty("readKey").GetProperty("key").GetString()!);
    }

    /// <summary>Posts events as a JSON array and returns the answer, whatever it is.</summary>
    public Task<HttpResponseMessage> SendAsync(IEnumerable<CounterEvent> events)
    {
        var body = events.Select(e => new
        {
            account = e.Account,
            type = e.Type,
            url = e.Url,
            userId = e.UserId,
            userAgent = e.UserAgent,
            id = e.Id,
            value = e.Value,
            properties = e.Properties,
            timestamp = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
        }).ToList();
        return http.PostAsJsonAsync("/api/events", body);
    }

    /// <summary>The path of a period's track query.</summary>
    public static string TrackPath(SeriesKey series, Period period)
    {
        var local = period.Local;
        var path = $"/api/stats/track/{series.Account}/{series.Type}/{local.Year}";
        if (period.Kind <= PeriodKind.Month)
        {
            path += $"/{local.Month:00}";
        }

        if (period.Kind <= PeriodKind.Day)
        {
            path += $"/{local.Day:00}";
        }

        if (period.Kind == PeriodKind.Hour)
        {
            path += $"/{period.HourOfDay}";
        }

        return series.Url == SeriesKey.AllUrls ? path : $"{path}?url={Uri.EscapeDataString(series.Url)}";
    }

    /// <summary>Reads a period through <c>GET /api/stats/track/…</c>, as the ground-truth verifier wants it.</summary>
    public async Task<PeriodCounts> TrackAsync(SeriesKey series, Period period)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(TrackPath(series, period)));
        var data = document.RootElement.GetProperty("data");
        var segments = Enumerable.Range(0, period.SegmentCount)
            .Select(segment => data.GetProperty(period.SegmentLabel(segment).ToString(CultureInfo.InvariantCulture)).GetInt64())
            .ToImmutableArray();
        return new PeriodCounts(segments, document.RootElement.GetProperty("total").GetInt64());
    }
}
