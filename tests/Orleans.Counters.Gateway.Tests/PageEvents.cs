namespace Orleans.Counters.Gateway.Tests;

/// <summary>What the website tests share: setting an account's origins, posting as a page would, and reading what was counted.</summary>
internal static class PageEvents
{
    /// <summary>Sets an account's allowed origins (as the admin, in keys mode) and checks the answer.</summary>
    public static async Task AllowAsync(HttpClient admin, string account, params string[] origins)
    {
        using var response = await admin.PutAsJsonAsync($"/api/accounts/{account}/settings", new { allowedOrigins = origins });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"setting the origins of {account} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>Posts a body as <c>navigator.sendBeacon</c> does: text/plain;charset=UTF-8, with an Origin header, to <c>/api/events?account=</c>.</summary>
    public static Task<HttpResponseMessage> BeaconAsync(HttpClient client, string account, string? origin, string body, string contentType = "text/plain;charset=UTF-8")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events?account={account}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return client.SendAsync(request);
    }

    /// <summary>A CORS preflight for <c>POST /api/events</c> with a JSON body, as a page's fetch sends it.</summary>
    public static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return client.SendAsync(request);
    }

    /// <summary>The account's count and sum of a type over the hours around now (0 when it has none).</summary>
    public static async Task<(long Count, decimal Sum)> CountAsync(HttpClient reader, string account, string type)
    {
        var now = DateTime.UtcNow;
        var summary = await reader.GetFromJsonAsync<JsonElement>(
            $"/api/stats/{account}/summary?type={type}&from={now.AddHours(-2):yyyy-MM-ddTHH:00:00Z}&to={now.AddHours(2):yyyy-MM-ddTHH:00:00Z}");
        return summary.GetProperty("counts").TryGetProperty(type, out var count)
            ? (count.GetInt64(), summary.GetProperty("sums").GetProperty(type).GetDecimal())
            : (0, 0m);
    }

    /// <summary>Waits until the account's count of a type reaches <paramref name="expected"/> and returns what was counted then.</summary>
    public static Task<(long Count, decimal Sum)> CountedAsync(HttpClient reader, string account, string type, long expected) =>
        Eventually.ReadAsync(() => CountAsync(reader, account, type), counted => counted.Count >= expected, TimeSpan.FromSeconds(30));

    /// <summary>The allowedOrigins of a settings answer.</summary>
    public static string[] Origins(JsonElement settings) =>
        [.. settings.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()!)];

    /// <summary>The values of a response header, joined; null when it is absent.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
