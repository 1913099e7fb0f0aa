using System.Text.Json;

namespace Orleans.Counters.Bench.Load;

/// <summary>Request bodies for <c>POST /api/events</c>, serialised before the clock starts.</summary>
public static class EventJson
{
    /// <summary>JSON arrays of <paramref name="batchSize"/> events (the last may be shorter).</summary>
    public static List<byte[]> Batches(IEnumerable<BenchEvent> events, int batchSize) =>
        [.. events.Chunk(batchSize).Select(Array)];

    /// <summary>One event as a JSON object, without a timestamp: the gateway stamps it on arrival.</summary>
    public static byte[] Single(BenchEvent e)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("account", e.Account);
            writer.WriteString("type", e.Type);
            writer.WriteString("url", e.Url);
            WriteDetails(writer, e);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteDetails(Utf8JsonWriter writer, BenchEvent e)
    {
        if (e.UserId is { } userId)
        {
            writer.WriteString("userId", userId);
        }

        if (e.Value is { } value)
        {
            writer.WriteNumber("value", value);
        }

        if (e.UserAgent is { } userAgent)
        {
            writer.WriteString("userAgent", userAgent);
        }
    }

    private static byte[] Array(BenchEvent[] events)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteString("account", e.Account);
                writer.WriteString("type", e.Type);
                writer.WriteString("url", e.Url);
                writer.WriteString("timestamp", e.Timestamp);
                WriteDetails(writer, e);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return stream.ToArray();
    }
}
