using System.Net;
using System.Text;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// With <c>Counters:Telemetry:Otlp:Endpoint</c> set, the gateway pushes metrics and traces over OTLP/HTTP, and
/// the spans of one POST share its trace: the request, the ingest grain that counts its message, and the
/// call to the hour grain; through the memory stream and through PostgreSQL's queue, whose rows carry the
/// request's trace context in their payload.
/// </summary>
public sealed class TelemetryTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [SkippableTheory]
    [InlineData("Memory")]
    [InlineData("PostgreSql")]
    public async Task OnePostsSpans_FromTheRequestThroughTheStreamToTheHourGrain_ShareItsTrace_OverOtlp(string storage)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        string[] storageSettings = storage == "Memory"
            ? []
            : ["--Counters:Storage", storage, "--ConnectionStrings:Counters", postgres.Require(), "--Counters:Dashboard:Enabled", "false"];
        // A process of its own: OpenTelemetry's listeners take every meter and activity source of their name in their
        // process. In this test process that meant the other tests' gateways' too, starting and stopping meanwhile,
        // and in two full runs no metrics were exported within 60 s, while the test alone passed.
        await using var gateway = await GatewayProcess.StartAsync(
        [
            "--Counters:Telemetry:Otlp:Endpoint", receiver.Address.ToString(),
            "--Counters:Telemetry:Otlp:ExportInterval", "00:00:00.2",
            .. storageSettings,
        ]);
        using var http = new HttpClient { BaseAddress = gateway.Address };
        // The caller's own trace: ASP.NET Core continues it, so every span of this POST carries its id.
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent("""{"account": "otlp-trace", "type": "pageview"}""", Encoding.UTF8, "application/json"),
            Headers = { { "traceparent", $"00-{traceId}-{"00f067aa0ba902b7"}-01" } },
        };
        using var response = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var spans = await Eventually.ReadAsync(
            () => Task.FromResult(receiver.Spans.Where(s => s.TraceId == traceId).ToList()),
            found => found.Any(s => s.Name == "counters.ingest") && found.Any(IsHourCall),
            TimeSpan.FromSeconds(30));
        var request = Assert.Single(spans, s => s.Scope == "Microsoft.AspNetCore");
        var ingest = Assert.Single(spans, s => s.Name == "counters.ingest");
        Assert.Equal("00f067aa0ba902b7", request.ParentSpanId);
        // The message carried the request's span as the ingest's parent, across the stream.
        Assert.Equal(request.SpanId, ingest.ParentSpanId);
        Assert.Contains(spans, s => IsHourCall(s) && Descends(s, ingest, spans));
        await Eventually.ReadAsync(() => Task.FromResult(receiver.MetricExports), exports => exports > 0, TimeSpan.FromSeconds(60));
    }

    private static bool IsHourCall(ReceivedSpan span) =>
        span.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && span.Name.Contains(nameof(IHourCountersGrain), StringComparison.Ordinal);

    private static bool Descends(ReceivedSpan span, ReceivedSpan ancestor, IReadOnlyList<ReceivedSpan> spans)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
