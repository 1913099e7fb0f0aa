using System.Text.Json;

namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>
/// Reads one field of a JSON object, reporting a value of the wrong JSON type as a <see cref="FieldError"/>
/// and returning null for it, so the rest of the request is still checked.
/// </summary>
public static class JsonFields
{
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

        return value.GetString();
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
    public static List<FieldError> Merge(IReadOnlyList<FieldError> readErrors, IEnumerable<FieldError> ruleErrors)
    {
        var wrongType = readErrors.Select(e => (e.Index, e.Field)).ToHashSet();
        return [.. readErrors.Concat(ruleErrors.Where(e => !wrongType.Contains((e.Index, e.Field)))).OrderBy(e => e.Index)];
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
