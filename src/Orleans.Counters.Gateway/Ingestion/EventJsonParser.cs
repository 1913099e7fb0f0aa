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
    public sealed record Result(IReadOnlyList<EventInput> Events, IReadOnlyList<FieldError> Errors, string? Malformed)
    {
        /// <summary>True when the body was one event object, as a browser sends it; false for an array or NDJSON.</summary>
        public bool IsSingleObject { get; init; }
    }

    /// <summary>Parses a whole body.</summary>
    public static Result Parse(EventBody body)
    {
        // JsonDocument checks the encoding only when a string is read; check it all up front.
        if (!Utf8.IsValid(body.Bytes.Span))
        {
            return Fail("The body is not valid UTF-8.");
        }

        return body.IsNdjson ? ParseNdjson(body.Bytes) : ParseJson(body.Bytes);
    }

    private static Result ParseJson(ReadOnlyMemory<byte> bytes)
    {
        if (IsBlank(bytes.Span))
        {
            return Fail("The body is empty.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            return Fail($"The body is not valid UTF-8 JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return Collect([root]) with { IsSingleObject = true };
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

    private static EventInput ReadEvent(JsonElement element, int index, List<FieldError> errors) => new()
    {
        Account = ReadString(element, "account", index, errors),
        Type = ReadString(element, "type", index, errors),
        Url = ReadString(element, "url", index, errors),
        UserId = ReadString(element, "userId", index, errors),
        UserAgent = ReadString(element, "userAgent", index, errors),
        Id = ReadString(element, "id", index, errors),
        Timestamp = ReadTimestamp(element, index, errors),
        Value = ReadNumber(element, "value", index, errors),
        Properties = ReadProperties(element, index, errors),
    };

    private static string? ReadString(JsonElement element, string field, int index, List<FieldError> errors)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(index, field, $"must be a string, not {Describe(value)}"));
            return null;
        }

        return value.GetString();
    }

    private static DateTimeOffset? ReadTimestamp(JsonElement element, int index, List<FieldError> errors)
    {
        var text = ReadString(element, "timestamp", index, errors);
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

    private static double? ReadNumber(JsonElement element, string field, int index, List<FieldError> errors)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            errors.Add(new FieldError(index, field, $"must be a number, not {Describe(value)}"));
            return null;
        }

        return number;
    }

    private static Dictionary<string, string>? ReadProperties(JsonElement element, int index, List<FieldError> errors)
    {
        if (!element.TryGetProperty("properties", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(index, "properties", $"must be an object of strings, not {Describe(value)}"));
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(new FieldError(index, $"properties.{property.Name}", $"must be a string, not {Describe(property.Value)}"));
                continue;
            }

            properties[property.Name] = property.Value.GetString()!;
        }

        return properties;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.Trim(" \t\r\n"u8).IsEmpty;

    private static Result Fail(string reason) => new([], [], reason);
}
