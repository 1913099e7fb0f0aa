using System.Text.Json;
using Orleans.Counters.Gateway.Ingestion;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>
/// The body of a request to the Spring-compatible endpoints: one JSON object holding the fields its endpoint takes. It is read
/// like an ingestion body (same size limit, content types and UTF-8 rule); a field of the wrong JSON
/// type is an error in <see cref="Errors"/>, at index 0. Other fields are ignored, as the Spring
/// service and <c>POST /api/events</c> ignore them, so a client that sends more still works.
/// </summary>
public sealed class SpringRequestBody
{
    private readonly JsonElement _root;
    private readonly List<FieldError> _errors;

    private SpringRequestBody(JsonElement root, List<FieldError> errors)
    {
        _root = root;
        _errors = errors;
    }

    /// <summary>Fields refused while reading: those of the wrong JSON type.</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>Reads the body, or returns the problem that stops it being read at all.</summary>
    public static async Task<(SpringRequestBody? Body, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, IngestLimits limits, IReadOnlyCollection<string> fields, CancellationToken cancellationToken)
    {
        var (body, problem) = await EventBodyReader.ReadAsync(request, limits, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        using var document = EventJsonParser.ParseDocument(body!.Bytes, out var malformed);
        if (document is null)
        {
            return (null, ProblemResults.Malformed(malformed!));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (null, ProblemResults.Malformed($"The body must be a JSON object of {string.Join(", ", fields)}, not {JsonFields.Describe(document.RootElement)}."));
        }

        if (!JsonFields.HasReadableNames(document.RootElement))
        {
            return (null, ProblemResults.Malformed(JsonFields.UnreadableName));
        }

        return (new SpringRequestBody(document.RootElement.Clone(), []), null);
    }

    /// <summary>A string field; null when absent or JSON null, or of the wrong type (then in <see cref="Errors"/>).</summary>
    public string? String(string field) => JsonFields.ReadString(_root, field, 0, _errors);

    /// <summary>A date-time field (<see cref="SpringDateTime"/>); null when absent or unreadable (then in <see cref="Errors"/>).</summary>
    public DateTimeOffset? DateTime(string field)
    {
        var text = String(field);
        if (text is null)
        {
            return null;
        }

        if (SpringDateTime.TryParse(text, out var timestamp))
        {
            return timestamp;
        }

        _errors.Add(new FieldError(0, field, SpringDateTime.Expected));
        return null;
    }
}
