using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// The gateway stopped the way Kubernetes stops it, with SIGTERM, in the middle of a seeded load:
/// it stops listening at once, finishes the request it is reading (one sent half before the signal
/// and half after is answered 202 and counted), and exits; started again, it takes the rest of the
/// load. Every period equals ground truth.
/// </summary>
[Trait("Category", "Slow")]
public sealed class GatewayShutdownTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const string InFlightAccount = "inflight";
    private const int InFlightEvents = 50;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    // A year the load has none in (2024–2025), so the `all` account's periods compared stay the load's.
    private static readonly DateTime InFlightHour = new(2023, 3, 3, 3, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task StoppingTheGatewayWithSigtermUnderLoad_FinishesWhatItWasReading_AndLosesNothing()
    {
        var connectionString = postgres.Require();
        await using var cluster = ChaosTests.StartDurableCluster(connectionString, silos: 2);
        try
        {
            await cluster.StartGatewayAsync();
            string inFlightAnswer = "", stop = "";
            var outcome = await new ChaosLoad(cluster, connectionString) { Seed = 53, RetryWhenTheGatewayGoesAway = true }.RunAsync(async () =>
            {
                var gateway = cluster.Gateway!;
                using var inFlight = await StartRequestAsync(cluster.Http.BaseAddress!);
                var stopping = Stopwatch.StartNew();
                await gateway.TerminateAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                var listening = await AcceptsConnectionsAsync(cluster.Http.BaseAddress!);
                inFlightAnswer = await FinishRequestAsync(inFlight);
                var exitCode = await gateway.WaitForExitAsync(StopTimeout);
                stop = $"exited with {exitCode} {stopping.Elapsed.TotalSeconds:0.0} s after SIGTERM; listening 0.5 s after it: {listening}";
                await gateway.DisposeAsync();

                Assert.False(listening, "the gateway still took connections 0.5 s after SIGTERM");
                Assert.Equal(0, exitCode);
                await cluster.StartGatewayAsync();
            });

            var inFlightCounted = await Eventually.ReadAsync(
                () => cluster.Client.TrackAsync(SeriesKey.AllUrlsOf(InFlightAccount, "pageview"), Period.Containing(PeriodKind.Hour, InFlightHour)),
                counts => counts.Total == InFlightEvents);
            output.WriteLine($"SIGTERM to the gateway: {stop}; in-flight request answered {inFlightAnswer.Split("\r\n")[0]}, counted {inFlightCounted.Total}; {outcome}");
            outcome.Record($"SIGTERM to the gateway ({stop}; the request it was reading answered {inFlightAnswer.Split("\r\n")[0]}, its {InFlightEvents} events counted {inFlightCounted.Total})");
            Assert.StartsWith("HTTP/1.1 202", inFlightAnswer);
            Assert.Equal(InFlightEvents, inFlightCounted.Total);
            outcome.AssertExact();
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    /// <summary>The in-flight request: its headers and the first half of its body, the rest held back.</summary>
    private sealed record PartRequest(TcpClient Client, byte[] Rest) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    private static async Task<PartRequest> StartRequestAsync(Uri gateway)
    {
        var events = Enumerable.Range(0, InFlightEvents).Select(i => new { account = InFlightAccount, type = "pageview", url = $"/p{i}", timestamp = InFlightHour.AddSeconds(i) });
        var body = JsonSerializer.SerializeToUtf8Bytes(events);
        var head = Encoding.ASCII.GetBytes(
            $"POST /api/events HTTP/1.1\r\nHost: {gateway.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        var client = new TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port);
        var half = body.Length / 2;
        await client.GetStream().WriteAsync(head.Concat(body[..half]).ToArray());
        return new PartRequest(client, body[half..]);
    }

    private static async Task<string> FinishRequestAsync(PartRequest request)
    {
        var stream = request.Client.GetStream();
        await stream.WriteAsync(request.Rest);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    private static async Task<bool> AcceptsConnectionsAsync(Uri gateway)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(gateway.Host, gateway.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
