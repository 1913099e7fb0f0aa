namespace Orleans.Counters.Testing.Tests;

/// <summary>A <see cref="ProcessHost"/> keeps what its process prints, signals it, and reports how it exited.</summary>
public sealed class ProcessHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // A program that says it started, reports SIGTERM and SIGINT, and exits with a code of its own for each.
    private const string Script = """
        trap 'echo got TERM; exit 3' TERM
        trap 'echo got INT; exit 4' INT
        echo started; echo to stderr >&2
        while true; do sleep 0.1; done
        """;

    [Fact]
    public async Task SigtermReachesTheProcess_AndItsExitCodeAndOutputAreKept()
    {
        await using var host = Start();
        await host.WaitForLogAsync("started", Timeout);

        await host.TerminateAsync();
        var exitCode = await host.WaitForExitAsync(Timeout);

        Assert.Equal(3, exitCode);
        Assert.Contains("got TERM", host.Log);
        Assert.Contains("to stderr", host.Log);
    }

    [Fact]
    public async Task ALogFileGetsTheWholeOutputWhileOnlyATailIsKept()
    {
        var file = Path.Combine(Path.GetTempPath(), $"process-host-{Guid.NewGuid():N}.log");
        try
        {
            await using (var host = ProcessHost.Start(new ProcessHostOptions
            {
                FileName = "sh", Arguments = ["-c", "for i in 1 2 3 4 5; do echo line $i; done; echo to stderr >&2"], KeptLines = 2, LogFile = file,
            }))
            {
                Assert.Equal(0, await host.WaitForExitAsync(Timeout));
                await host.WaitForLogAsync("to stderr", Timeout);
                Assert.DoesNotContain("line 1", host.Log);
            }

            var lines = await File.ReadAllLinesAsync(file);
            Assert.StartsWith("=== sh started ", lines[0]);
            Assert.Equal(["line 1", "line 2", "line 3", "line 4", "line 5", "to stderr"], lines[1..].Order());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SigintReachesTheProcess()
    {
        await using var host = Start();
        await host.WaitForLogAsync("started", Timeout);
        Assert.False(host.IgnoresInterrupt);

        await host.InterruptAsync();

        Assert.Equal(4, await host.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task KillEndsTheProcessWithoutItsHandlers()
    {
        await using var host = Start();
        await host.WaitForLogAsync("started", Timeout);

        host.Kill();

        Assert.Equal(137, await host.WaitForExitAsync(Timeout));
        Assert.DoesNotContain("got", host.Log);
        Assert.Throws<InvalidOperationException>(host.ThrowIfExited);
    }

    [Fact]
    public async Task WaitingForALineItNeverPrints_FailsWhenItExits()
    {
        await using var host = ProcessHost.Start(new ProcessHostOptions { FileName = "sh", Arguments = ["-c", "echo bye; exit 1"] });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.WaitForLogAsync("never", Timeout));

        Assert.Contains("bye", failure.Message);
    }

    [Fact]
    public async Task AKeptTailHoldsTheLastLines()
    {
        await using var host = ProcessHost.Start(new ProcessHostOptions { FileName = "seq", Arguments = ["1", "100"], KeptLines = 3 });

        await host.WaitForExitAsync(Timeout);
        await host.WaitForLogAsync("100", Timeout);

        Assert.Equal("98\n99\n100\n", host.Log);
    }

    private static ProcessHost Start() => ProcessHost.Start(new ProcessHostOptions { FileName = "sh", Arguments = ["-c", Script], Name = "script" });
}
