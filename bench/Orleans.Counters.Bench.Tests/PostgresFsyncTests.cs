using Npgsql;
using Orleans.Counters.Testing;

namespace Orleans.Counters.Bench.Tests;

public sealed class PostgresFsyncTests
{
    [SkippableTheory]
    [InlineData(false, "off")]
    [InlineData(true, "on")]
    public async Task The_throwaway_server_runs_with_the_fsync_asked_for(bool fsync, string expected)
    {
        await using var server = new PostgresServerScope(new PostgresServer { Fsync = fsync });
        await server.Server.InitializeAsync();
        await using var source = NpgsqlDataSource.Create(server.Server.Require());
        await using var command = source.CreateCommand("SELECT current_setting('fsync') || ',' || current_setting('full_page_writes') || ',' || current_setting('synchronous_commit')");

        var settings = (string)(await command.ExecuteScalarAsync())!;

        Assert.Equal($"{expected},{expected},on", settings);
    }

    private sealed class PostgresServerScope(PostgresServer server) : IAsyncDisposable
    {
        public PostgresServer Server => server;

        public async ValueTask DisposeAsync() => await server.DisposeAsync();
    }
}
