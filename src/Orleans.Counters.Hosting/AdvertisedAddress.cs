using System.Net;
using System.Net.Sockets;

namespace Orleans.Counters.Hosting;

/// <summary>The address a silo publishes in the membership table, where other silos and clients reach it.</summary>
internal static class AdvertisedAddress
{
    /// <summary><see cref="ClusterSettings.AdvertisedAddress"/> when set, else the host's first IPv4 address.</summary>
    public static IPAddress Of(ClusterSettings cluster) =>
        string.IsNullOrWhiteSpace(cluster.AdvertisedAddress)
            ? Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback
            : Resolve(cluster.AdvertisedAddress);

    /// <summary>An IP address as it is written, or a host name's first IPv4 address.</summary>
    public static IPAddress Resolve(string addressOrHost) =>
        IPAddress.TryParse(addressOrHost, out var address)
            ? address
            : Dns.GetHostAddresses(addressOrHost).First(a => a.AddressFamily == AddressFamily.InterNetwork);
}
