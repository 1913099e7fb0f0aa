using System.Net;
using System.Net.Sockets;

namespace Orleans.Counters.Testing;

/// <summary>
/// Hands out loopback TCP ports for the silos, gateways and servers that tests and the bench start,
/// each reserved for the life of this process. A port from the OS's ephemeral range (what binding
/// port 0 gives) is not safe: the kernel also gives those to outgoing connections and to other
/// processes, and a silo once failed to bind one ("Address already in use") while another test run
/// shared the machine. So ports come from below the ephemeral range, chosen at random, checked free
/// by binding, and reserved across processes by an exclusive lock on a file per port, which the OS
/// releases when this process ends, however it ends (even kill -9).
/// </summary>
public static class FreePort
{
    /// <summary>Where the lock files live, one per port, shared by every process on the machine.</summary>
    public static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "orleans-counters-ports");

    // Above the ports people run by hand here (PostgreSQL 5432, the gateway's 5080, silo HTTP 8081…,
    // silo ports 11111…); below Orleans' default gateway port 30000 and the usual ephemeral range.
    private const int Lowest = 12000;
    private const int FallbackHighest = 29999;
    private const int Attempts = 1000;
    private static readonly List<FileStream> Reservations = [];

    /// <summary>The ports handed out: from <see cref="Lowest"/> to just below the ephemeral range.</summary>
    public static (int Lowest, int Highest) Range { get; } = ReadRange();

    /// <summary>A port on 127.0.0.1 that nobody listens on, reserved for this process until it ends.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Random.Shared.Next(Range.Lowest, Range.Highest + 1);
            if (TryReserve(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port in {Range.Lowest}–{Range.Highest} after {Attempts} attempts (locks in {LockDirectory}).");
    }

    /// <summary>
    /// Reserves <paramref name="port"/> for this process if no process holds it and nothing listens on
    /// it; false otherwise. A port this process reserved already is not given twice.
    /// </summary>
    public static bool TryReserve(int port)
    {
        Directory.CreateDirectory(LockDirectory);
        FileStream reservation;
        try
        {
            // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Linux: refused while any open file
            // description holds it, this process's own included, and dropped when the holder dies.
            reservation = new FileStream(Path.Combine(LockDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        if (!IsFree(port))
        {
            reservation.Dispose();
            return false;
        }

        lock (Reservations)
        {
            Reservations.Add(reservation);
        }

        return true;
    }

    /// <summary>Waits until something listens on a 127.0.0.1 port, such as a silo's gateway port; fails early when <paramref name="server"/> exited.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, ProcessHost? server = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            server?.ThrowIfExited();
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    // Binding the wildcard address fails while anything listens on the port, on any IPv4 address.
    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int, int) ReadRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var ephemeralLowest = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            var highest = Math.Min(ephemeralLowest - 1, FallbackHighest);
            // A kernel configured with a very low ephemeral range leaves too few ports below it.
            return highest - Lowest >= 1000 ? (Lowest, highest) : (Lowest, FallbackHighest);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (Lowest, FallbackHighest);
        }
    }
}
