using System.Net;
using System.Net.Sockets;

namespace Orleans.Counters.Bench.Hosting;

/// <summary>Loopback ports for the servers the bench starts.</summary>
public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that nobody listened on a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on a 127.0.0.1 port; fails early when the server died.</summary>
    public static async Task WaitUntilListeningAsync(int port, ChildProcess server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            server.ThrowIfExited();
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
