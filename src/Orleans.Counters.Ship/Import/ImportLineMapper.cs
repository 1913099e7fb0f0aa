using System.Globalization;
using System.Text.Json;

namespace Orleans.Counters.Ship.Import;

/// <summary>
/// Makes each line of an import file a JSON event for <c>POST /api/import</c>: the account set to the
/// one given (a line naming another is refused), an id derived where the line has none
/// (<see cref="DerivedId"/>). NDJSON lines keep their fields; CSV rows take their fields' names from
/// the header row (<see cref="Columns"/>). Whether the values are valid is the gateway's to say.
/// </summary>
public sealed class ImportLineMapper
{
    /// <summary>The CSV columns taken, besides <c>properties.NAME</c> for a property.</summary>
    public static readonly string[] Columns = ["timestamp", "type", "url", "id", "userId", "userAgent", "value", "account"];

    private const string PropertyPrefix = "properties.";

    private readonly string _account;
    private readonly List<string>? _header;

    private ImportLineMapper(string account, List<string>? header)
    {
        _account = account;
        _header = header;
    }

    /// <summary>A mapper of NDJSON lines.</summary>
    public static ImportLineMapper Ndjson(string account) => new(account, null);

    /// <summary>A mapper of CSV rows under <paramref name="headerRow"/>; null, with the reason, when the header is not one.</summary>
    public static ImportLineMapper? Csv(string account, string headerRow, out string? problem)
    {
        if (!CsvFields.TrySplit(headerRow, out var header, out problem))
        {
            return null;
        }

        header = [.. header.Select(name => name.Trim())];
        var unknown = header.FirstOrDefault(name => !Columns.Contains(name, StringComparer.Ordinal) && !(name.StartsWith(PropertyPrefix, StringComparison.Ordinal) && name.Length > PropertyPrefix.Length));
        if (unknown is not null)
        {
            problem = $"the header names column '{unknown}'; the columns are {string.Join(", ", Columns)} and properties.NAME";
            return null;
        }

        if (header.Distinct(StringComparer.Ordinal).Count() < header.Count)
        {
            problem = "the header names a column twice";
            return null;
        }

        if (!header.Contains("type") || !header.Contains("timestamp"))
        {
            problem = "the header must name the columns type and timestamp";
            return null;
        }

        return new ImportLineMapper(account, header);
    }

    /// <summary>The line as an event, or why it is none; null for a blank line, which is no event.</summary>
    public ImportLine? Map(FileLine line)
    {
        if (string.IsNullOrWhiteSpace(line.Text))
        {
            return null;
        }

        try
        {
            return _header is null ? MapJson(line) : MapCsv(line, _header);
        }
        catch (JsonException e)
        {
            return new ImportLine(line, null, $"not a JSON object: {e.Message}");
        }
    }

    private ImportLine MapJson(FileLine line)
    {
        using var document = JsonDocument.Parse(line.Text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new ImportLine(line, null, $"is {root.ValueKind}, not an event object");
        }

        if (root.TryGetProperty("account", out var account) && !(account.ValueKind == JsonValueKind.String && account.GetString() == _account))
        {
            return new ImportLine(line, null, $"account: is {account}, not --account {_account}");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("account", _account);
            var hasId = false;
            foreach (var property in root.EnumerateObject())
            {
                // A null id is no id: the derived one takes its place, not a second "id" beside it.
                if (property.NameEquals("account") || (property.NameEquals("id") && property.Value.ValueKind == JsonValueKind.Null))
                {
                    continue;
                }

                hasId |= property.NameEquals("id");
                property.WriteTo(writer);
            }

            if (!hasId)
            {
                writer.WriteString("id", DerivedId.Of(line.Number, line.Text));
            }

            writer.WriteEndObject();
        }

        return new ImportLine(line, buffer.ToArray(), null);
    }

    private ImportLine MapCsv(FileLine line, List<string> header)
    {
        if (!CsvFields.TrySplit(line.Text, out var fields, out var problem))
        {
            return new ImportLine(line, null, problem);
        }

        if (fields.Count != header.Count)
        {
            return new ImportLine(line, null, $"has {fields.Count} fields; the header names {header.Count}");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("account", _account);
            var properties = new List<(string Name, string Value)>();
            var hasId = false;
            for (var i = 0; i < header.Count; i++)
            {
                var (name, value) = (header[i], fields[i]);
                if (value.Length == 0)
                {
                    continue;
                }

                if (name == "account")
                {
                    if (value != _account)
                    {
                        return new ImportLine(line, null, $"account: is '{value}', not --account {_account}");
                    }
                }
                else if (name.StartsWith(PropertyPrefix, StringComparison.Ordinal))
                {
                    properties.Add((name[PropertyPrefix.Length..], value));
                }
                else if (name == "value")
                {
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    {
                        return new ImportLine(line, null, $"value: '{value}' is not a number such as 59.90");
                    }

                    writer.WriteNumber("value", number);
                }
                else
                {
                    hasId |= name == "id";
                    writer.WriteString(name, value);
                }
            }

            if (!hasId)
            {
                writer.WriteString("id", DerivedId.Of(line.Number, line.Text));
            }

            if (properties.Count > 0)
            {
                writer.WriteStartObject("properties");
                foreach (var (name, value) in properties)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return new ImportLine(line, buffer.ToArray(), null);
    }
}
