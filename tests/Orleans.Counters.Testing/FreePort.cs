using System.Net;
using System.Net.Sockets;

namespace Orleans.Counters.Testing;

/// <summary>Finds TCP ports nobody listens on, for silos and gateways started by tests, and waits for them to open.</summary>
public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something listens on a 127.0.0.1 port, such as a silo's gateway port.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
