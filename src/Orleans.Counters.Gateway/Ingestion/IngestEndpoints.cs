using Microsoft.Extensions.Options;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Ingestion;

/// <summary><c>POST /api/events</c>: validates a request's events and puts them on the events stream, all or none.</summary>
public static class IngestEndpoints
{
    /// <summary>The answer to an accepted request.</summary>
    public sealed record AcceptedEvents(int Accepted);

    /// <summary>Maps the ingestion endpoint.</summary>
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", PostEventsAsync)
            .WithName("PostEvents")
            .WithSummary("Count one event, a JSON array of events, or NDJSON.")
            .WithTags("Ingestion");
        return app;
    }

    private static async Task<IResult> PostEventsAsync(
        HttpRequest request,
        IOptions<IngestLimits> limits,
        EventValidator validator,
        EventPublisher publisher,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var (body, bodyProblem) = await EventBodyReader.ReadAsync(request, limits.Value, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var parsed = EventJsonParser.Parse(body!);
        if (parsed.Malformed is not null)
        {
            return Problems.Problems.Malformed(parsed.Malformed);
        }

        if (parsed.Events.Count > limits.Value.MaxEventsPerRequest)
        {
            return Problems.Problems.TooLarge($"The request holds {parsed.Events.Count} events; at most {limits.Value.MaxEventsPerRequest} are allowed.");
        }

        var ruleErrors = new List<FieldError>();
        var events = validator.ValidateAll(WithHeaderUserAgent(parsed, request), receivedAt, ruleErrors);

        // A field of the wrong JSON type was read as missing: its type error says all there is to say.
        var wrongType = parsed.Errors.Select(e => (e.Index, e.Field)).ToHashSet();
        var errors = parsed.Errors.Concat(ruleErrors.Where(e => !wrongType.Contains((e.Index, e.Field)))).ToList();
        if (errors.Count > 0 || events.Count < parsed.Events.Count)
        {
            var problems = errors.OrderBy(e => e.Index).Select(e => new FieldProblem(e.Field, e.Reason, e.Index));
            return Problems.Problems.Invalid("Invalid events", problems);
        }

        await publisher.PublishAsync(events, cancellationToken);
        return TypedResults.Accepted((string?)null, new AcceptedEvents(events.Count));
    }

    /// <summary>
    /// A single event without a <c>userAgent</c> takes the request's User-Agent header: a browser sends
    /// its events one by one. Arrays and NDJSON come from servers, whose own header says nothing of the
    /// visitor, so their events keep only the field.
    /// </summary>
    private static IReadOnlyList<EventInput> WithHeaderUserAgent(EventJsonParser.Result parsed, HttpRequest request)
    {
        var header = request.Headers.UserAgent.ToString();
        return parsed.IsSingleObject && parsed.Events[0].UserAgent is null && header.Length > 0
            ? [parsed.Events[0] with { UserAgent = header.Length > EventLimits.MaxUserAgentLength ? header[..EventLimits.MaxUserAgentLength] : header }]
            : parsed.Events;
    }
}
