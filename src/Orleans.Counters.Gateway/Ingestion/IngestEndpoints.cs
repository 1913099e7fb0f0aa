using System.Diagnostics;
using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;
using Orleans.Counters.Gateway.Website;

namespace Orleans.Counters.Gateway.Ingestion;

/// <summary><c>POST /api/events</c>: validates a request's events and puts them on the events stream, all or none.</summary>
public static class IngestEndpoints
{
    /// <summary>The answer to an accepted request.</summary>
    public sealed record AcceptedEvents(int Accepted);

    private const string Endpoint = "/api/events";

    /// <summary>Maps the ingestion endpoint.</summary>
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Endpoint, PostEventsAsync)
            .WithName("PostEvents")
            .WithSummary("Count one event, a JSON array of events, or NDJSON; ?account= for a web page's events.")
            .WithTags("Ingestion")
            .ReadsArrayOf<EventRequest>("application/json", "application/x-ndjson", "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(AccountKeyRequirement.ForAnyAccount(KeyKind.Ingest))
            .TakesPageEvents();
        return app;
    }

    private static async Task<Results<Accepted<AcceptedEvents>, ProblemHttpResult>> PostEventsAsync(
        HttpRequest request, [AsParameters] IngestServices services, CancellationToken cancellationToken)
    {
        var (limits, intake, metrics, clock, origins) = services;
        var started = Stopwatch.GetTimestamp();
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var pageAccount = PageAccount.Of(request, out var accountProblem);
        if (accountProblem is not null)
        {
            return Refused(accountProblem, 1, "invalid");
        }

        if (pageAccount is not null && await PageAccount.CheckOriginAsync(request, pageAccount, origins) is { } originProblem)
        {
            return Refused(originProblem, 1, "forbidden");
        }

        var (body, bodyProblem) = await EventBodyReader.ReadAsync(request, limits.Value, cancellationToken);
        if (bodyProblem is not null)
        {
            return Refused(bodyProblem, 1, EventBodyReader.RefusalReason(bodyProblem));
        }

        var parsed = EventJsonParser.Parse(body!);
        if (parsed.Malformed is not null)
        {
            return Refused(ProblemResults.Malformed(parsed.Malformed), 1, "malformed");
        }

        if (parsed.Events.Count > limits.Value.MaxEventsPerRequest)
        {
            return Refused(ProblemResults.TooLarge($"The request holds {parsed.Events.Count} events; at most {limits.Value.MaxEventsPerRequest} are allowed."), parsed.Events.Count, "too_large");
        }

        var events = parsed.Events;
        if (pageAccount is not null)
        {
            (events, var otherAccounts) = PageAccount.Apply(events, pageAccount);
            if (otherAccounts.Count > 0)
            {
                return Refused(ProblemResults.Invalid("Invalid events", otherAccounts), parsed.Events.Count, "invalid");
            }
        }

        events = IngestKeyAccount.Apply(events, request.HttpContext.User);
        if (IngestKeyAccount.Foreign(events, request.HttpContext.User) is { Count: > 0 } foreign)
        {
            return Refused(IngestKeyAccount.Forbidden(foreign), parsed.Events.Count, "forbidden");
        }

        var errors = await intake.CountAsync(BrowserUserAgent.Apply(events, request), parsed.Errors, receivedAt, cancellationToken);
        if (errors is not null)
        {
            return Refused(ProblemResults.Invalid("Invalid events", errors.Select(e => new FieldProblem(e.Field, e.Reason, e.Index))), parsed.Events.Count, "invalid");
        }

        metrics.Accepted(parsed.Events.Count);
        metrics.Took(Stopwatch.GetElapsedTime(started), Endpoint);
        return TypedResults.Accepted((string?)null, new AcceptedEvents(parsed.Events.Count));

        ProblemHttpResult Refused(ProblemHttpResult problem, int events, string reason)
        {
            metrics.Refused(events, reason);
            metrics.Took(Stopwatch.GetElapsedTime(started), Endpoint);
            return problem;
        }
    }
}
