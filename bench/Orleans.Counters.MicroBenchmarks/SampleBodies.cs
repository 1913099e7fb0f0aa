using System.Globalization;
using System.Text.Json;

namespace Orleans.Counters.MicroBenchmarks;

/// <summary>Sample events written as request bodies: a JSON array, or NDJSON with one event per line.</summary>
internal static class SampleBodies
{
    /// <summary>The events as one JSON array.</summary>
    public static byte[] JsonArray(IEnumerable<EventInput> events)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var input in events)
            {
                WriteEvent(writer, input);
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>The events as NDJSON: one JSON object per line.</summary>
    public static byte[] Ndjson(IEnumerable<EventInput> events)
    {
        using var buffer = new MemoryStream();
        foreach (var input in events)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteEvent(writer, input);
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    private static void WriteEvent(Utf8JsonWriter writer, EventInput input)
    {
        writer.WriteStartObject();
        writer.WriteString("account", input.Account);
        writer.WriteString("type", input.Type);
        WriteIfPresent(writer, "url", input.Url);
        WriteIfPresent(writer, "userId", input.UserId);
        WriteIfPresent(writer, "id", input.Id);
        WriteIfPresent(writer, "timestamp", input.Timestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (input.Value is { } value)
        {
            writer.WriteNumber("value", value);
        }

        if (input.Properties is { } properties)
        {
            writer.WriteStartObject("properties");
            foreach (var (name, text) in properties)
            {
                writer.WriteString(name, text);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? text)
    {
        if (text is not null)
        {
            writer.WriteString(name, text);
        }
    }
}
