using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Orleans.Counters.Ship.Mapping;

/// <summary>
/// Writes an event as the gateway's JSON (camelCase, absent fields left out). Each event is written
/// once, when it is read, so a batch body is its events' bytes joined with commas and its size is
/// known before it is built.
/// </summary>
public static class EventJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Bodies go to an API, never into HTML: non-ASCII text stays as it is instead of six bytes per character.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The event as a UTF-8 JSON object.</summary>
    public static byte[] Serialize(AccessEvent counted)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (counted.Id is not null)
            {
                writer.WriteString("id", counted.Id);
            }

            writer.WriteString("account", counted.Account);
            writer.WriteString("type", counted.Type);
            writer.WriteString("url", counted.Url);
            writer.WriteString("timestamp", Timestamp(counted.Timestamp));
            writer.WriteString("userId", counted.UserId);
            if (counted.UserAgent is not null)
            {
                writer.WriteString("userAgent", counted.UserAgent);
            }

            if (counted.Referrer is not null)
            {
                writer.WriteStartObject("properties");
                writer.WriteString(EventMapper.ReferrerProperty, counted.Referrer);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A UTC time as ISO-8601 to the second, such as <c>2024-03-01T12:00:05Z</c> (access logs carry whole seconds).</summary>
    public static string Timestamp(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
