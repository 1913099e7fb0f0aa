using System.Globalization;
using System.Text.Json;
using Orleans.Counters.Gateway.Ingestion;

namespace Orleans.Counters.Gateway.Plausible;

/// <summary>
/// One event of Plausible's Events API, read from its JSON body: the documented names (<c>name</c>, <c>url</c>,
/// <c>domain</c>, <c>referrer</c>, <c>props</c>, <c>revenue</c>) or the short keys Plausible's script sends
/// (<c>n</c>, <c>u</c>, <c>d</c>, <c>r</c>, <c>p</c> or the older <c>m</c>, <c>$</c>). Fields Plausible's script
/// sends that say nothing countable (<c>h</c>, <c>i</c>, <c>w</c>, <c>v</c>…) are passed over.
/// </summary>
/// <param name="Name">The event's name: <c>pageview</c>, or a custom event's (a goal's) name.</param>
/// <param name="Url">The page's URL.</param>
/// <param name="Domains">The site domains it is counted for: Plausible's script may name several, comma-separated.</param>
/// <param name="Referrer">Where the visitor came from.</param>
/// <param name="Props">Custom properties, as text.</param>
/// <param name="Revenue">The revenue amount: counted as the event's value.</param>
/// <param name="Currency">The revenue's currency: kept as the property <c>currency</c>.</param>
public sealed record PlausibleEvent(
    string Name, string Url, ImmutableArray<string> Domains, string? Referrer, IReadOnlyDictionary<string, string>? Props, double? Revenue, string? Currency)
{
    /// <summary>The event; null with the problems, each naming its field by its documented name, when the body is not one.</summary>
    public static (PlausibleEvent? Event, IReadOnlyList<(string Field, string Reason)> Problems) Read(JsonElement body)
    {
        var problems = new List<(string, string)>();
        var name = Text(body, "name", "n", required: true, problems);
        var url = Text(body, "url", "u", required: true, problems);
        var domainList = Text(body, "domain", "d", required: true, problems);
        var referrer = Text(body, "referrer", "r", required: false, problems);
        var props = ReadProps(body, problems);
        var (revenue, currency) = ReadRevenue(body, problems);

        var domains = ImmutableArray<string>.Empty;
        if (domainList is not null)
        {
            var parts = domainList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var normalized = parts.Select(SiteDomains.Normalize).ToList();
            if (parts.Length == 0 || normalized.Any(d => d is null))
            {
                problems.Add(("domain", SiteDomains.Rule + " (several separated by commas)"));
            }
            else
            {
                domains = [.. normalized.Distinct().Select(d => d!)];
            }
        }

        return problems.Count > 0
            ? (null, problems)
            : (new PlausibleEvent(name!, url!, domains, string.IsNullOrEmpty(referrer) ? null : referrer, props, revenue, currency), problems);
    }

    private static JsonElement? Field(JsonElement body, string name, string shortName) =>
        body.TryGetProperty(name, out var value) || body.TryGetProperty(shortName, out value)
            ? value.ValueKind == JsonValueKind.Null ? null : value
            : null;

    private static string? Text(JsonElement body, string name, string shortName, bool required, List<(string, string)> problems)
    {
        if (Field(body, name, shortName) is not { } value)
        {
            if (required)
            {
                problems.Add((name, "is required"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !JsonFields.TryGetString(value, out var text) || (required && text.Length == 0))
        {
            problems.Add((name, "must be a non-empty string"));
            return null;
        }

        return text;
    }

    // Props come as an object, or (Plausible's older script, and its "m") as a string holding one.
    private static Dictionary<string, string>? ReadProps(JsonElement body, List<(string, string)> problems)
    {
        var field = Field(body, "props", "p") ?? (body.TryGetProperty("m", out var meta) && meta.ValueKind != JsonValueKind.Null ? meta : null);
        if (field is not { } value)
        {
            return null;
        }

        var props = ObjectOf(value);
        if (props is not { } element || !JsonFields.HasReadableNames(element))
        {
            problems.Add(("props", "must be an object of property names to strings, numbers or booleans"));
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string? text = property.Value.ValueKind switch
            {
                JsonValueKind.String => JsonFields.TryGetString(property.Value, out var s) ? s : null,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                JsonValueKind.Null => string.Empty,
                _ => null,
            };
            if (text is null)
            {
                problems.Add(($"props.{property.Name}", "must be a string, a number or a boolean"));
            }
            else if (text.Length > 0)
            {
                result[property.Name] = text;
            }
        }

        return result.Count > 0 ? result : null;
    }

    private static (double? Amount, string? Currency) ReadRevenue(JsonElement body, List<(string, string)> problems)
    {
        if (Field(body, "revenue", "$") is not { } value)
        {
            return (null, null);
        }

        const string rule = "must be an object such as {\"amount\": 59.90, \"currency\": \"EUR\"}";
        if (ObjectOf(value) is not { } revenue || !JsonFields.HasReadableNames(revenue) || !revenue.TryGetProperty("amount", out var amount))
        {
            problems.Add(("revenue", rule));
            return (null, null);
        }

        // Plausible takes the amount as a number or as a decimal string.
        double? number = amount.ValueKind switch
        {
            JsonValueKind.Number => amount.GetDouble(),
            JsonValueKind.String when JsonFields.TryGetString(amount, out var s)
                && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (number is null)
        {
            problems.Add(("revenue.amount", "must be a number or a decimal string"));
            return (null, null);
        }

        var currency = revenue.TryGetProperty("currency", out var code) && code.ValueKind == JsonValueKind.String && JsonFields.TryGetString(code, out var c) ? c : null;
        return (number, currency);
    }

    private static JsonElement? ObjectOf(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        if (value.ValueKind != JsonValueKind.String || !JsonFields.TryGetString(value, out var text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
