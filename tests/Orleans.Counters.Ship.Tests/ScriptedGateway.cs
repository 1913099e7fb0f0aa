using System.Collections.Concurrent;

namespace Orleans.Counters.Ship.Tests;

/// <summary>
/// A stand-in for the gateway's HTTP endpoint: answers each request with what the script says,
/// and keeps the events of the requests it accepted.
/// </summary>
internal sealed class ScriptedGateway(Func<int, IReadOnlyList<JsonElement>, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private readonly ConcurrentQueue<int> _requestSizes = new();
    private readonly ConcurrentQueue<JsonElement> _accepted = new();
    private int _requests;

    /// <summary>How many events each request carried, in order.</summary>
    public IReadOnlyList<int> RequestSizes => [.. _requestSizes];

    /// <summary>The events of the requests answered 2xx, in order.</summary>
    public IReadOnlyList<JsonElement> Accepted => [.. _accepted];

    /// <summary>A client on this handler, as the tool would have one.</summary>
    public GatewayClient Client() => new(new HttpClient(this), new Uri("http://gateway.test"));

    public static HttpResponseMessage Answer(HttpStatusCode status, string body = "{}", TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/problem+json") };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/events", request.RequestUri!.AbsolutePath);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await request.Content.ReadAsByteArrayAsync(cancellationToken));
        var events = body.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        _requestSizes.Enqueue(events.Count);
        var response = await answer(Interlocked.Increment(ref _requests), events);
        if (response.IsSuccessStatusCode)
        {
            foreach (var counted in events)
            {
                _accepted.Enqueue(counted);
            }
        }

        return response;
    }
}
