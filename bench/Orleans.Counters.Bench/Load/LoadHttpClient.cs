using System.Net.Http.Headers;

namespace Orleans.Counters.Bench.Load;

/// <summary>HTTP clients and requests for the load generators.</summary>
public static class LoadHttpClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>A client keeping up to <paramref name="connections"/> keep-alive connections to one server.</summary>
    public static HttpClient Create(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>POSTs a serialised body to <c>/api/events</c> and returns the status code.</summary>
    public static async Task<int> PostEventsAsync(HttpClient http, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await http.PostAsync("/api/events", content, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return (int)response.StatusCode;
    }
}
