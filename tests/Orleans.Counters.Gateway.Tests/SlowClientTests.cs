using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Slow clients cannot hold the gateway's connections: one too slow with its headers or its body is
/// disconnected. A gateway of its own, with a one-second header timeout.
/// </summary>
public sealed class SlowClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private WebApplication? _app;
    private Uri _address = null!;

    [Fact]
    public async Task AClientThatDoesNotFinishItsHeaders_IsAnswered408AndDisconnected()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "POST /api/events HTTP/1.1\r\nHost: localhost\r\n");

        var (answer, closed) = await ReadUntilClosedAsync(client);

        Assert.True(closed, "the connection was still open after " + Patience);
        Assert.StartsWith("HTTP/1.1 408", answer);
    }

    [Fact]
    public async Task AClientThatSendsItsBodyTooSlowly_IsDisconnected()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[");
        var reading = ReadUntilClosedAsync(client);

        // One byte a second, far below the 240 bytes a second Kestrel asks for after its 5 s grace.
        for (var second = 0; second < Patience.TotalSeconds && !reading.IsCompleted; second++)
        {
            try
            {
                await SendAsync(client, " ");
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var (_, closed) = await reading;
        Assert.True(closed, "the connection was still open after " + Patience);
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _app = await TestGateway.StartAsync("--Kestrel:Limits:RequestHeadersTimeout", "00:00:01");
        _address = new Uri(_app.Urls.First());
    }

    /// <inheritdoc />
    public Task DisposeAsync() => TestGateway.StopAsync(_app);

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(_address.Host, _address.Port);
        return client;
    }

    private static Task SendAsync(TcpClient client, string text) => client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    /// <summary>Reads what the server sends until it closes the connection, or until <see cref="Patience"/> runs out.</summary>
    private static async Task<(string Answer, bool Closed)> ReadUntilClosedAsync(TcpClient client)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await client.GetStream().ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return (answer.ToString(), true);
        }
        catch (IOException)
        {
            return (answer.ToString(), true);
        }
        catch (OperationCanceledException)
        {
            return (answer.ToString(), false);
        }
    }
}
