using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>
/// A TCP proxy in front of PostgreSQL that loses a commit's answer on request: it forwards the
/// client's COMMIT, lets PostgreSQL finish it and close the session, then resets the client's
/// connection without passing the answer on. The transaction is committed; the client only sees its
/// connection break, as when a network fails between COMMIT and its answer.
/// </summary>
internal sealed class CommitAnswerDroppingProxy : IAsyncDisposable
{
    // The simple-protocol Query message "COMMIT", as Npgsql commits a transaction.
    private static readonly byte[] CommitMessage = [(byte)'Q', 0, 0, 0, 11, .. "COMMIT\0"u8];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly List<(Task Forwarding, TcpClient Client)> _connections = [];
    private readonly Task _accepting;
    private int _commitsToDrop;
    private int _droppedCommits;
    private volatile bool _stopListeningAfterDrop;

    /// <summary>Starts proxying to the server <paramref name="connectionString"/> names.</summary>
    public CommitAnswerDroppingProxy(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        _server = new IPEndPoint(IPAddress.Parse(server.Host!), server.Port);
        _listener.Start();
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port,
            SslMode = SslMode.Disable,
        }.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The connection string that goes through the proxy.</summary>
    public string ConnectionString { get; }

    /// <summary>How many commits' answers the proxy has dropped.</summary>
    public int DroppedCommits => Volatile.Read(ref _droppedCommits);

    /// <summary>
    /// Drops the answer to the next COMMIT any connection sends; with <paramref name="thenStopListening"/>,
    /// stops accepting connections before the client sees its connection break, so that PostgreSQL
    /// cannot be reached through the proxy any more.
    /// </summary>
    public void DropNextCommitAnswer(bool thenStopListening = false)
    {
        _stopListeningAfterDrop = thenStopListening;
        Interlocked.Increment(ref _commitsToDrop);
    }

    /// <summary>Stops listening and cuts every connection still open, such as those idle in a pool.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting;
        (Task Forwarding, TcpClient Client)[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            connection.Client.Close();
        }

        await Task.WhenAll(connections.Select(c => c.Forwarding));
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add((ForwardAsync(client), client));
            }
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_server);
            var connection = new ProxiedConnection();
            var down = PumpDownAsync(server, client, connection);
            await PumpUpAsync(client, server, connection, down);
            await down;
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // Either side went away: the other is closed with it.
        }
    }

    /// <summary>Client to server; on an armed COMMIT, forwards it, waits for the server to end the session, and resets the client.</summary>
    private async Task PumpUpAsync(TcpClient client, TcpClient server, ProxiedConnection connection, Task down)
    {
        var fromClient = client.GetStream();
        var buffer = new byte[64 * 1024];
        var tail = Array.Empty<byte>();
        int read;
        while ((read = await fromClient.ReadAsync(buffer)) > 0)
        {
            var seen = (byte[])[.. tail, .. buffer.AsSpan(0, read)];
            if (seen.AsSpan().IndexOf(CommitMessage) >= 0 && TakeDrop())
            {
                connection.Dropping = true;
                await server.GetStream().WriteAsync(buffer.AsMemory(0, read));
                server.Client.Shutdown(SocketShutdown.Send);
                await down;
                Interlocked.Increment(ref _droppedCommits);
                if (_stopListeningAfterDrop)
                {
                    _listener.Stop();
                }

                client.LingerState = new LingerOption(true, 0);
                client.Close();
                return;
            }

            await server.GetStream().WriteAsync(buffer.AsMemory(0, read));
            tail = seen[Math.Max(0, seen.Length - CommitMessage.Length + 1)..];
        }

        server.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Server to client, until the server ends the session; nothing once the connection is dropping.</summary>
    private static async Task PumpDownAsync(TcpClient server, TcpClient client, ProxiedConnection connection)
    {
        var fromServer = server.GetStream();
        var toClient = client.GetStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await fromServer.ReadAsync(buffer)) > 0)
        {
            if (!connection.Dropping)
            {
                await toClient.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        if (!connection.Dropping)
        {
            // Null when the proxy closed the client itself.
            client.Client?.Shutdown(SocketShutdown.Send);
        }
    }

    private bool TakeDrop()
    {
        var left = Volatile.Read(ref _commitsToDrop);
        while (left > 0)
        {
            var seen = Interlocked.CompareExchange(ref _commitsToDrop, left - 1, left);
            if (seen == left)
            {
                return true;
            }

            left = seen;
        }

        return false;
    }

    /// <summary>Whether the connection is losing a commit's answer: from then on nothing reaches the client.</summary>
    private sealed class ProxiedConnection
    {
        private volatile bool _dropping;

        public bool Dropping
        {
            get => _dropping;
            set => _dropping = value;
        }
    }
}
