using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Counters.Testing.Tests;

/// <summary>
/// Ports handed out by <see cref="FreePort"/> are below the ephemeral range, never given twice, and
/// refused to other processes while this one lives; a dead holder's ports come free again.
/// </summary>
public sealed class FreePortTests
{
    [Fact]
    public void PortsAreBelowTheEphemeralRange()
    {
        var ephemeralLowest = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        var port = FreePort.Next();

        Assert.InRange(port, FreePort.Range.Lowest, FreePort.Range.Highest);
        Assert.True(port < ephemeralLowest, $"{port} is in the ephemeral range from {ephemeralLowest}");
    }

    [Fact]
    public void TwoReservationsNeverCollide()
    {
        var ports = Enumerable.Range(0, 300).AsParallel().Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.False(FreePort.TryReserve(port), $"{port} was reserved twice"));
    }

    [Fact]
    public void AReservedPortIsRefusedToAnotherProcess()
    {
        var port = FreePort.Next();

        // flock(1) takes the same flock(2) lock in a process of its own; -n: fail at once when it is held.
        using var other = Process.Start("flock", ["-n", LockFile(port), "true"])!;
        other.WaitForExit();

        Assert.NotEqual(0, other.ExitCode);
    }

    [Fact]
    public async Task APortHeldByAnotherProcessIsNotHandedOut_UntilThatProcessIsKilled()
    {
        var (holder, port) = await StartHolderAsync();
        try
        {
            Assert.False(FreePort.TryReserve(port));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
            holder.Dispose();
        }

        // kill -9 gives no chance to clean up: the kernel drops the lock with the process.
        Assert.True(FreePort.TryReserve(port));
    }

    [Fact]
    public void APortSomethingListensOnIsNotHandedOut()
    {
        var port = Enumerable.Range(0, 100).Select(_ => Random.Shared.Next(FreePort.Range.Lowest, FreePort.Range.Highest + 1)).First(CanListen);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();

        Assert.False(FreePort.TryReserve(port));
    }

    private static string LockFile(int port) => Path.Combine(FreePort.LockDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // A child flock(1) that holds the lock of a port nobody holds, until it is killed; -o: its command
    // (a sleep) does not inherit the lock, so the lock lives exactly as long as the flock process.
    private static async Task<(Process Holder, int Port)> StartHolderAsync()
    {
        Directory.CreateDirectory(FreePort.LockDirectory);
        while (true)
        {
            var port = Random.Shared.Next(FreePort.Range.Lowest, FreePort.Range.Highest + 1);
            var start = new ProcessStartInfo("flock", ["-n", "-o", LockFile(port), "sh", "-c", "echo held; exec sleep 600"]) { RedirectStandardOutput = true };
            var holder = Process.Start(start)!;
            if (await holder.StandardOutput.ReadLineAsync() == "held")
            {
                return (holder, port);
            }

            // Someone else holds that port's lock: flock exited; try another port.
            await holder.WaitForExitAsync();
            holder.Dispose();
        }
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
