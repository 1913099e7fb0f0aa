namespace Orleans.Counters.Integration.Tests;

/// <summary>The sample .NET service sends events and reads them back through the Orleans client, against a silo process.</summary>
public sealed class ClientSampleTests
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
}
