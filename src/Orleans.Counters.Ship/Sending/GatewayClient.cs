using System.Net;
using System.Net.Http.Headers;

namespace Orleans.Counters.Ship.Sending;

/// <summary>Posts batches to the gateway's <c>POST /api/events</c> and sorts its answers.</summary>
public sealed class GatewayClient(HttpClient http, Uri gateway, TimeProvider? clock = null)
{
    /// <summary>How long one request may take before it counts as failed and is retried.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private const int MaxDetailLength = 2000;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _events = new(WithTrailingSlash(gateway), "api/events");

    /// <summary>Where batches go.</summary>
    public Uri EventsUri => _events;

    /// <summary>A client of its own, for the tool, sending <paramref name="key"/> (when given) as <c>Authorization: Bearer</c>.</summary>
    public static GatewayClient Create(Uri gateway, string? key = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = RequestTimeout };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return new GatewayClient(http, gateway);
    }

    /// <summary>Posts events (each a JSON object) as one JSON array.</summary>
    public async Task<DeliveryOutcome> PostAsync(IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonArray.Join(events));
        content.Headers.ContentType = Json;
        try
        {
            using var response = await http.PostAsync(_events, content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryOutcome(DeliveryKind.Delivered, $"{(int)response.StatusCode}");
            }

            var detail = $"{(int)response.StatusCode} {response.ReasonPhrase}: {await ReadDetailAsync(response, cancellationToken)}";
            return response.StatusCode switch
            {
                HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new DeliveryOutcome(DeliveryKind.Rejected, detail),
                HttpStatusCode.RequestEntityTooLarge => new DeliveryOutcome(DeliveryKind.TooLarge, detail),
                // Retrying a refused key would go on for ever without a sign in the counts: stop and say so.
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new DeliveryOutcome(DeliveryKind.KeyRefused, detail),
                // 429, 503 and other 5xx are what a retry is for; other answers (404 from a wrong
                // --gateway) are retried too: an operator can fix them, and dropping the events
                // would lose counts for good.
                _ => new DeliveryOutcome(DeliveryKind.Retry, detail, RetryAfter(response.Headers.RetryAfter)),
            };
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome(DeliveryKind.Retry, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(DeliveryKind.Retry, $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
    }

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        body = body.ReplaceLineEndings(" ");
        return body.Length <= MaxDetailLength ? body : body[..MaxDetailLength] + "…";
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (clock ?? TimeProvider.System).GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
