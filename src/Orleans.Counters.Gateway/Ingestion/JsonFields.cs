using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>
/// Reads one field of a JSON object, reporting a value of the wrong JSON type as a <see cref="FieldError"/>
/// and returning null for it, so the rest of the request is still checked.
/// </summary>
public static class JsonFields
{
    /// <summary>The reason given for an object one of whose field names cannot be read.</summary>
    public const string UnreadableName = "A field name is not valid Unicode: it holds a lone UTF-16 surrogate (an unpaired \\uD800–\\uDFFF escape)";

    /// <summary>A string field; null when absent, JSON null, or of another type (then reported).</summary>
    public static string? ReadString(JsonElement element, string field, int index, List<FieldError> errors)
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

        if (TryGetString(value, out var text))
        {
            return text;
        }

        errors.Add(new FieldError(index, field, EventText.LoneSurrogate));
        return null;
    }

    /// <summary>
    /// A JSON string's text; false when it cannot be read as UTF-16: a lone surrogate escape such as
    /// <c>"\ud800"</c> (or invalid UTF-8), on which <see cref="JsonElement.GetString"/> throws.
    /// </summary>
    public static bool TryGetString(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>
    /// True when every property name of the object can be read. Looking up any property of an object
    /// compares names, and throws when one of them is a lone surrogate escape: check first.
    /// </summary>
    public static bool HasReadableNames(JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            try
            {
                _ = property.Name;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A number field; null when absent, JSON null, or of another type (then reported).</summary>
    public static double? ReadNumber(JsonElement element, string field, int index, List<FieldError> errors)
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

    /// <summary>
    /// The read errors, then the rule errors of the fields that were read without one: a field of the
    /// wrong JSON type was read as missing, and its type error says all there is to say.
    /// </summary>
    /// <remarks>A read error without a field (an event that could not be read at all) says all there is to say about its event.</remarks>
    public static List<FieldError> Merge(IReadOnlyList<FieldError> readErrors, IEnumerable<FieldError> ruleErrors)
    {
        var wrongType = readErrors.Select(e => (e.Index, e.Field)).ToHashSet();
        var unread = readErrors.Where(e => e.Field is null).Select(e => e.Index).ToHashSet();
        return [.. readErrors.Concat(ruleErrors.Where(e => !wrongType.Contains((e.Index, e.Field)) && !unread.Contains(e.Index))).OrderBy(e => e.Index)];
    }

    /// <summary>A JSON value's kind in words: "an object", "a number"…</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
