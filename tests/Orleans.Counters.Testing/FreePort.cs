using System.Net;
using System.Net.Sockets;

namespace Orleans.Counters.Testing;

/// <summary>Finds TCP ports nobody listens on, for silos and gateways started by tests.</summary>
public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
