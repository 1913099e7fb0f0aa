using System.Globalization;
using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;
using Orleans.Counters.Postgres.Queue;

namespace Orleans.Counters.Gateway.Operations;

/// <summary>
/// The admin's view of the durable events queue's dead letters: <c>GET /api/admin/dead-letters</c>
/// lists them, <c>POST /api/admin/dead-letters/replay</c> puts them back in their queues, under their
/// own positions, so that their streams apply them in order and go on.
/// </summary>
public static class DeadLetterEndpoints
{
    /// <summary>The most dead letters one list answers.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Maps the endpoints, behind the admin key. The queue is absent (null) on memory streams: they answer 409 then.</summary>
    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/dead-letters")
            .WithTags("Admin")
            .RequireAuthorization(AccountKeyRequirement.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/", ListAsync)
            .WithName("ListDeadLetters")
            .WithSummary("The durable queue's dead letters, oldest first (at most ?limit=, 100 by default, 1000 at most): messages that failed MaxDeliveries times, those waiting behind one of their stream, and those never acknowledged.");
        admin.MapPost("/replay", ReplayAsync)
            .WithName("ReplayDeadLetters")
            .WithSummary("Puts the dead letters back in their queues: all of them, or ?id= (queue:sequence) with the later dead letters of its stream, which wait behind it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<DeadLettersResponse>, ProblemHttpResult>> ListAsync(
        string? limit, [FromKeyedServices(CounterStreams.ProviderName)] PostgresEventQueue? queue, CancellationToken cancellationToken)
    {
        var count = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return ProblemResults.Invalid("limit", $"must be a whole number from 1 to {MaxLimit}");
        }

        if (queue is null)
        {
            return NoDurableQueue();
        }

        var deadLetters = await queue.GetDeadLettersAsync(count, cancellationToken);
        return TypedResults.Ok(new DeadLettersResponse(await queue.CountDeadLettersAsync(cancellationToken), [.. deadLetters.Select(DeadLetterResponse.Of)]));
    }

    private static async Task<Results<Ok<ReplayResponse>, ProblemHttpResult>> ReplayAsync(
        string? id, [FromKeyedServices(CounterStreams.ProviderName)] PostgresEventQueue? queue, CancellationToken cancellationToken)
    {
        (int Queue, long Sequence)? one = null;
        if (id is not null)
        {
            if (DeadLetterResponse.ParseId(id) is not { } parsed)
            {
                return ProblemResults.Invalid("id", "must be a dead letter's id, queue:sequence (e.g. 3:1042), as GET /api/admin/dead-letters lists it");
            }

            one = parsed;
        }

        if (queue is null)
        {
            return NoDurableQueue();
        }

        if (one is { } wanted && wanted.Queue >= queue.Options.QueueCount)
        {
            return ProblemResults.Invalid("id", $"names queue {wanted.Queue}; the queues are 0 to {queue.Options.QueueCount - 1}");
        }

        var replayed = await queue.ReplayDeadLettersAsync(one?.Queue, one?.Sequence, cancellationToken);
        if (one is not null && replayed.Count == 0)
        {
            return TypedResults.Problem(title: "No such dead letter", statusCode: StatusCodes.Status404NotFound, detail: $"No dead letter has id {id}: it may have been replayed already.");
        }

        return TypedResults.Ok(new ReplayResponse(replayed.Count, [.. replayed.Select(r => DeadLetterResponse.IdOf(r.Queue, r.Sequence))]));
    }

    private static ProblemHttpResult NoDurableQueue() => TypedResults.Problem(
        title: "No durable queue",
        statusCode: StatusCodes.Status409Conflict,
        detail: "Events travel on memory streams (Counters:Streams is Memory): there are no dead letters.");
}
