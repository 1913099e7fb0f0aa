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
        EventIntake intake,
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

        var errors = await intake.CountAsync(BrowserUserAgent.Apply(parsed.Events, request), parsed.Errors, receivedAt, cancellationToken);
        if (errors is not null)
        {
            return Problems.Problems.Invalid("Invalid events", errors.Select(e => new FieldProblem(e.Field, e.Reason, e.Index)));
        }

        return TypedResults.Accepted((string?)null, new AcceptedEvents(parsed.Events.Count));
    }
}
