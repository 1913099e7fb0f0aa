using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// The default mode (<c>dotnet run --project src/Orleans.Counters.Gateway</c>: counts in memory, a silo
/// in the gateway's process) stopped with Ctrl-C after a load: it exits 0 and prints no error or
/// warning on the way. Its counters used to write into memory storage whose grains had already
/// stopped, thousands of errors for counts that ended with the process anyway.
/// </summary>
public sealed class DefaultModeStopTests(ITestOutputHelper output)
{
    private const int Accounts = 30;
    private const int Batches = 20;
    private const int BatchSize = 500;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    // Orleans' warnings that something took longer than a second (a turn, a lifecycle stage, a
    // watchdog tick): they tell of a starved machine, as the 2 cores shared by CI are, not of a
    // failure, and come whatever the code does. Every other warning or error fails the test.
    private static readonly string[] StallReports =
    [
        "warn: Orleans.Runtime.Scheduler.WorkItemGroup[101215]",
        "warn: Orleans.Runtime.SiloLifecycleSubject[100452]",
        "warn: Orleans.Runtime.Watchdog[100150]",
        "warn: Orleans.Runtime.MembershipService.LocalSiloHealthMonitor[",
    ];

    [Fact]
    public async Task CtrlCAfterALoad_ExitsZero_WithNoErrorOrWarning()
    {
        // The in-process silo's ports are free ones: other tests on this machine may hold the defaults.
        var arguments = HostArguments.Gateway();
        await using var gateway = ProcessHost.StartProgram("Orleans.Counters.Gateway", arguments.ToArray());
        using var http = new HttpClient { BaseAddress = arguments.Url };
        try
        {
            await Readiness.WaitAsync(arguments.Url!, gateway, StartTimeout);

            var random = new Random(61);
            var now = DateTime.UtcNow;
            for (var batch = 0; batch < Batches; batch++)
            {
                // Many accounts and hours: thousands of hour, day, month and year counters, each with
                // something to report and write when it stops.
                var events = Enumerable.Range(0, BatchSize).Select(_ => new
                {
                    account = $"stop{random.Next(Accounts)}",
                    type = random.Next(2) == 0 ? "pageview" : "click",
                    url = $"/p{random.Next(20)}",
                    timestamp = now.AddHours(-random.Next(24 * 60)).AddMinutes(-random.Next(60)),
                });
                using var response = await http.PostAsJsonAsync("/api/events", events);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            var before = gateway.Log.Length;
            // Ctrl-C is SIGINT; a process started from a shell without job control inherits SIGINT ignored
            // (as under `nohup … &`), so there the stop is asked with SIGTERM, which .NET's host handles the same way.
            var signal = gateway.IgnoresInterrupt ? "SIGTERM" : "SIGINT";
            await (gateway.IgnoresInterrupt ? gateway.TerminateAsync() : gateway.InterruptAsync());
            var exitCode = await gateway.WaitForExitAsync(StopTimeout);
            var stopping = gateway.Log[before..];
            var flagged = stopping.Split('\n').Where(line => line.StartsWith("fail:") || line.StartsWith("warn:") || line.StartsWith("crit:")).ToList();
            var complaints = flagged.Where(line => !StallReports.Any(line.Contains)).ToList();
            output.WriteLine($"{signal}: exit code {exitCode}; {stopping.Split('\n').Length} lines after Ctrl-C, {flagged.Count} of them errors or warnings, {flagged.Count - complaints.Count} of those Orleans' reports of a stalled machine");

            Assert.Equal(0, exitCode);
            Assert.True(complaints.Count == 0, $"{complaints.Count} errors or warnings after Ctrl-C, the first:\n{string.Join('\n', complaints.Take(20))}\n--- log after Ctrl-C ---\n{Tail(stopping)}");
        }
        catch
        {
            output.WriteLine(Tail(gateway.Log));
            throw;
        }
    }

    private static string Tail(string log) => log.Length <= 20_000 ? log : "…" + log[^20_000..];
}
