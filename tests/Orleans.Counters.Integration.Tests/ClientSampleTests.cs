namespace Orleans.Counters.Integration.Tests;

/// <summary>The sample .NET service sends events and reads them back through the Orleans client, against a silo process.</summary>
public sealed class ClientSampleTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task TheSampleCountsItsOrdersWithoutHttp()
    {
        var arguments = HostArguments.Silo();
        var gatewayPort = arguments.GatewayPort!.Value.ToString();
        await using var silo = ProcessHost.StartProgram("Orleans.Counters.Silo", arguments.ToArray());
        await Readiness.WaitAsync(arguments.SiloHttp, silo, TimeSpan.FromSeconds(60));

        await using var sample = ProcessHost.StartDll(
            RepositoryPaths.ProgramDll("Orleans.Counters.Sample", "samples"),
            "--Counters:Cluster:GatewayPort", gatewayPort, "--account", "sample-test", "--orders", "40");
        var exitCode = await sample.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 0, $"sample exited {exitCode}:\n{sample.Log}\n--- silo ---\n{silo.Log}");
        Assert.Contains("sent 40 orders for sample-test", sample.Log);
        Assert.Contains("counted 40 of them today", sample.Log);
    }

    [SkippableFact]
    public async Task TheSampleCountsItsOrdersThroughTheDurableQueue_OnAPostgresCluster()
    {
        var connectionString = postgres.Require();
        await using var cluster = new CountersCluster(connectionString);
        var silo = cluster.StartSilo();
        await cluster.WaitUntilSiloReadyAsync(silo);

        // The client library's AddCounters refuses this configuration; the sample takes AddPostgresCounters.
        await using var sample = ProcessHost.StartDll(
            RepositoryPaths.ProgramDll("Orleans.Counters.Sample", "samples"),
            new HostArguments().Set("Counters:Storage", "PostgreSql").Cluster(cluster.ClusterId).ConnectionString(connectionString, maxPoolSize: 10)
                .Add("--account", "sample-durable", "--orders", "40").ToArray());
        var exitCode = await sample.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"sample exited {exitCode}:\n{sample.Log}\n{cluster.Logs}");
        Assert.Contains("counted 40 of them today", sample.Log);
        var queued = await Eventually.ReadAsync(
            () => Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(60));
        Assert.Equal(0, queued);
        Assert.True(await Sql.CountAsync(connectionString, "SELECT count(*) FROM counters_event_id WHERE account = 'sample-durable'") == 40, "the sample's order ids were not claimed: its events did not go through the durable writer");
    }
}
