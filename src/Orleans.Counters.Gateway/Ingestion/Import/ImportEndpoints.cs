using System.Diagnostics;
using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Ingestion.Import;

/// <summary>
/// <c>POST /api/import</c>: an account's history, events of any past date each carrying an id, all or
/// none, for the admin key or the account's import key. Only on the durable queue, where ids are
/// remembered, so that importing the same events again counts them once.
/// </summary>
public static class ImportEndpoints
{
    private const string Endpoint = "/api/import";

    /// <summary>Maps the import endpoint.</summary>
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Endpoint, PostImportAsync)
            .WithName("ImportEvents")
            .WithSummary("Import history: a JSON array or NDJSON of events, each with an id and a timestamp from Counters:Import:Earliest on.")
            .WithTags("Ingestion")
            .ReadsArrayOf<EventRequest>("application/json", "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(AccountKeyRequirement.ForAnyAccount(KeyKind.Import));
        return app;
    }

    private static async Task<Results<Accepted<ImportedEvents>, ProblemHttpResult>> PostImportAsync(
        HttpRequest request, [AsParameters] ImportServices services, CancellationToken cancellationToken)
    {
        var (limits, importer, metrics, clock) = services;
        var started = Stopwatch.GetTimestamp();
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        if (!importer.RemembersIds)
        {
            return Refused(NeedsDurableQueue(), 1, "conflict");
        }

        var (body, bodyProblem) = await EventBodyReader.ReadAsync(request, limits.Value.MaxBodyBytes, cancellationToken);
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
            return Refused(
                ProblemResults.TooLarge($"The request holds {parsed.Events.Count} events; an import takes at most {limits.Value.MaxEventsPerRequest} a request."),
                parsed.Events.Count,
                "too_large");
        }

        var events = IngestKeyAccount.Apply(parsed.Events, request.HttpContext.User);
        if (IngestKeyAccount.Foreign(events, request.HttpContext.User) is { Count: > 0 } foreign)
        {
            return Refused(IngestKeyAccount.Forbidden(foreign), parsed.Events.Count, "forbidden");
        }

        var (repeats, errors) = await importer.ImportAsync(events, parsed.Errors, receivedAt, cancellationToken);
        if (errors is not null)
        {
            return Refused(ProblemResults.Invalid("Invalid events", errors.Select(e => new FieldProblem(e.Field, e.Reason, e.Index))), parsed.Events.Count, "invalid");
        }

        metrics.Accepted(parsed.Events.Count);
        metrics.Took(Stopwatch.GetElapsedTime(started), Endpoint);
        return TypedResults.Accepted((string?)null, new ImportedEvents(parsed.Events.Count, repeats));

        ProblemHttpResult Refused(ProblemHttpResult problem, int refused, string reason)
        {
            metrics.Refused(refused, reason);
            metrics.Took(Stopwatch.GetElapsedTime(started), Endpoint);
            return problem;
        }
    }

    private static ProblemHttpResult NeedsDurableQueue() =>
        TypedResults.Problem(
            title: "Import needs the durable queue",
            statusCode: StatusCodes.Status409Conflict,
            detail: "This gateway's events stream is in memory, which remembers no event ids: importing a file twice would count it twice. "
                + "Run in PostgreSQL mode (Counters:Storage and Counters:Streams PostgreSql) to import history. Nothing was counted.");
}
