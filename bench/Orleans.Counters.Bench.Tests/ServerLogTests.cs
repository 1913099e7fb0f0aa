using Orleans.Counters.Bench.Hosting;

namespace Orleans.Counters.Bench.Tests;

/// <summary>With COUNTERS_BENCH_LOG_DIR set, each server's whole output goes to a file named after it; without, to none.</summary>
public sealed class ServerLogTests
{
    [Fact]
    public void A_server_logs_to_a_file_named_after_it_only_when_asked()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"bench-logs-{Guid.NewGuid():N}");
        var before = Environment.GetEnvironmentVariable(ServerProcess.LogDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(ServerProcess.LogDirectoryVariable, null);
            Assert.Null(ServerProcess.LogFile("silo (durable mode)"));

            Environment.SetEnvironmentVariable(ServerProcess.LogDirectoryVariable, directory);
            Assert.Equal(Path.Combine(directory, "silo-durable-mode.log"), ServerProcess.LogFile("silo (durable mode)"));
            Assert.True(Directory.Exists(directory));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ServerProcess.LogDirectoryVariable, before);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
