using System.Text.Json;
using System.Text.Unicode;

namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>
/// Turns a JSON or NDJSON body into <see cref="EventInput"/>s, reporting fields of the wrong
/// JSON type by event index. Unknown fields are ignored.
/// </summary>
public static class EventJsonParser
{
    /// <summary>The parsed events, or a reason the body is not JSON events at all.</summary>
    public sealed record Result(IReadOnlyList<EventInput> Events, IReadOnlyList<FieldError> Errors, string? Malformed);

    private const string NotUtf8 = "The body is not valid UTF-8.";

    /// <summary>Parses a whole body.</summary>
    public static Result Parse(EventBody body)
    {
        if (body.IsNdjson)
        {
            return Utf8.IsValid(body.Bytes.Span) ? ParseNdjson(body.Bytes) : Fail(NotUtf8);
        }

        var document = ParseDocument(body.Bytes, out var malformed);
        return document is null ? Fail(malformed!) : ParseJson(document);
    }

    /// <summary>Parses a JSON body whole; null, with the reason, when it is not UTF-8, empty, or not JSON.</summary>
    public static JsonDocument? ParseDocument(ReadOnlyMemory<byte> bytes, out string? malformed)
    {
        malformed = null;
        // JsonDocument checks the encoding only when a string is read; check it all up front.
        if (!Utf8.IsValid(bytes.Span))
        {
            malformed = NotUtf8;
            return null;
        }

        if (IsBlank(bytes.Span))
        {
            malformed = "The body is empty.";
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            malformed = $"The body is not valid UTF-8 JSON: {exception.Message}";
            return null;
        }
    }

    private static Result ParseJson(JsonDocument document)
    {
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return Collect([root]);
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return Fail("The body must be an event object, an array of event objects, or NDJSON.");
            }

            var elements = root.EnumerateArray().ToList();
            var notObject = elements.FindIndex(e => e.ValueKind != JsonValueKind.Object);
            return notObject >= 0
                ? Fail($"Element {notObject} of the array is {elements[notObject].ValueKind}, not an event object.")
                : Collect(elements);
        }
    }

    private static Result ParseNdjson(ReadOnlyMemory<byte> bytes)
    {
        var events = new List<EventInput>();
        var errors = new List<FieldError>();
        var lineNumber = 0;
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            lineNumber++;
            if (IsBlank(line.Span))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Fail($"Line {lineNumber} is {document.RootElement.ValueKind}, not an event object.");
                }

                events.Add(ReadEvent(document.RootElement, events.Count, errors));
            }
            catch (JsonException exception)
            {
                return Fail($"Line {lineNumber} is not valid UTF-8 JSON: {exception.Message}");
            }
        }

        return events.Count == 0 ? Fail("The body holds no events.") : new Result(events, errors, null);
    }

    private static Result Collect(IReadOnlyList<JsonElement> elements)
    {
        var errors = new List<FieldError>();
        var events = elements.Select((element, index) => ReadEvent(element, index, errors)).ToList();
        return new Result(events, errors, null);
    }

    private static EventInput ReadEvent(JsonElement element, int index, List<FieldError> errors)
    {
        try
        {
            return ReadFields(element, index, errors);
        }
        catch (InvalidOperationException) when (!JsonFields.HasReadableNames(element))
        {
            // Values are read without throwing; a lookup throws only when some field name cannot be decoded.
            errors.Add(new FieldError(index, null, JsonFields.UnreadableName));
            return new EventInput();
        }
    }

    private static EventInput ReadFields(JsonElement element, int index, List<FieldError> errors) => new()
    {
        Account = JsonFields.ReadString(element, "account", index, errors),
        Type = JsonFields.ReadString(element, "type", index, errors),
        Url = JsonFields.ReadString(element, "url", index, errors),
        UserId = JsonFields.ReadString(element, "userId", index, errors),
        UserAgent = JsonFields.ReadString(element, "userAgent", index, errors),
        Id = JsonFields.ReadString(element, "id", index, errors),
        Timestamp = ReadTimestamp(element, index, errors),
        Value = JsonFields.ReadNumber(element, "value", index, errors),
        Properties = ReadProperties(element, index, errors),
    };

    private static DateTimeOffset? ReadTimestamp(JsonElement element, int index, List<FieldError> errors)
    {
        var text = JsonFields.ReadString(element, "timestamp", index, errors);
        if (text is null)
        {
            return null;
        }

        if (IsoTimestamp.TryParse(text, out var timestamp))
        {
            return timestamp;
        }

        errors.Add(new FieldError(index, "timestamp", "must be an ISO-8601 date-time such as 2026-11-23T14:05:00Z"));
        return null;
    }

    private static Dictionary<string, string>? ReadProperties(JsonElement element, int index, List<FieldError> errors)
    {
        if (!element.TryGetProperty("properties", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(index, "properties", $"must be an object of strings, not {JsonFields.Describe(value)}"));
            return null;
        }

        if (!JsonFields.HasReadableNames(value))
        {
            errors.Add(new FieldError(index, "properties", $"names {EventText.LoneSurrogate}"));
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var field = $"properties.{property.Name}";
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(new FieldError(index, field, $"must be a string, not {JsonFields.Describe(property.Value)}"));
            }
            else if (JsonFields.TryGetString(property.Value, out var text))
            {
                properties[property.Name] = text;
            }
            else
            {
                errors.Add(new FieldError(index, field, EventText.LoneSurrogate));
            }
        }

        return properties;
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.Trim(" \t\r\n"u8).IsEmpty;

    private static Result Fail(string reason) => new([], [], reason);
}
