using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// A real OTLP/HTTP receiver on a loopback port: takes <c>POST /v1/traces</c> and <c>/v1/metrics</c> in protobuf,
/// as a collector would, and decodes the spans' ids, names and scopes from the wire format itself.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private int _metricExports;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address exporters are pointed at.</summary>
    public Uri Address => new(_app.Urls.First());

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>How many metric exports arrived.</summary>
    public int MetricExports => Volatile.Read(ref _metricExports);

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            foreach (var span in ReadSpans(await ReadBodyAsync(request)))
            {
                receiver._spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            await ReadBodyAsync(request);
            Interlocked.Increment(ref receiver._metricExports);
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }

    // ExportTraceServiceRequest: resource_spans = 1 → ResourceSpans: scope_spans = 2 → ScopeSpans: scope = 1 (name = 1),
    // spans = 2 → Span: trace_id = 1, span_id = 2, parent_span_id = 4, name = 5.
    private static IEnumerable<ReceivedSpan> ReadSpans(byte[] request) =>
        from resourceSpans in Protobuf.Fields(request, 1)
        from scopeSpans in Protobuf.Fields(resourceSpans, 2)
        let scope = Protobuf.Fields(scopeSpans, 1).Select(s => Protobuf.Text(s, 1)).FirstOrDefault() ?? ""
        from span in Protobuf.Fields(scopeSpans, 2)
        select new ReceivedSpan(
            scope,
            Protobuf.Text(span, 5) ?? "",
            Convert.ToHexStringLower(Protobuf.Fields(span, 1).FirstOrDefault() ?? []),
            Convert.ToHexStringLower(Protobuf.Fields(span, 2).FirstOrDefault() ?? []),
            Convert.ToHexStringLower(Protobuf.Fields(span, 4).FirstOrDefault() ?? []));

    /// <summary>The length-delimited fields of a protobuf message, read from its wire format.</summary>
    private static class Protobuf
    {
        public static IEnumerable<byte[]> Fields(byte[] message, int number)
        {
            var position = 0;
            var found = new List<byte[]>();
            while (position < message.Length)
            {
                var key = ReadVarint(message, ref position);
                var (field, wireType) = ((int)(key >> 3), (int)(key & 7));
                switch (wireType)
                {
                    case 0:
                        ReadVarint(message, ref position);
                        break;
                    case 1:
                        position += 8;
                        break;
                    case 2:
                        var length = (int)ReadVarint(message, ref position);
                        if (field == number)
                        {
                            found.Add(message[position..(position + length)]);
                        }

                        position += length;
                        break;
                    case 5:
                        position += 4;
                        break;
                    default:
                        throw new InvalidDataException($"wire type {wireType} at {position}");
                }
            }

            return found;
        }

        public static string? Text(byte[] message, int number) =>
            Fields(message, number).Select(bytes => System.Text.Encoding.UTF8.GetString(bytes)).FirstOrDefault();

        private static ulong ReadVarint(byte[] message, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = message[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }
    }
}

/// <summary>One span as an OTLP receiver got it: its instrumentation scope, name and ids (lowercase hex).</summary>
internal sealed record ReceivedSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId);
