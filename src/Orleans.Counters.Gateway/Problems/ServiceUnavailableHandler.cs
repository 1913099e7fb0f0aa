using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Orleans.Runtime;

namespace Orleans.Counters.Gateway.Problems;

/// <summary>
/// Answers 503 problem+json when the Orleans cluster or its database cannot be reached, so
/// clients retry instead of treating the request as a server bug. Nothing was accepted, except after
/// a <see cref="CommitOutcomeUnknownException"/>: then the events may or may not have been stored, and
/// the answer says so, and that resending the events that carry an id is safe.
/// </summary>
public sealed class ServiceUnavailableHandler(IProblemDetailsService problems, ILogger<ServiceUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>The detail of a 503 whose commit may have happened.</summary>
    public const string OutcomeUnknown =
        "The connection to the database broke while the events were being committed: they may or may not have been stored. "
        + "Resending events that carry an id is safe (an id seen within the idempotency window is not counted again); "
        + "an event without an id may then be counted twice.";

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException or NpgsqlException or CommitOutcomeUnknownException))
        {
            return false;
        }

        Log.Unavailable(logger, exception.GetType().Name, exception.Message);
        return await WriteAsync(httpContext, problems, "The request was not processed; retry it.", exception);
    }

    /// <summary>Writes the 503 problem+json, with <c>Retry-After</c>, that tells a client to send the request again.</summary>
    public static ValueTask<bool> WriteAsync(HttpContext httpContext, IProblemDetailsService problems, string detail, Exception? exception = null)
    {
        httpContext.Response.Headers.RetryAfter = "1";
        return ProblemWriter.WriteAsync(
            httpContext,
            problems,
            new ProblemDetails
            {
                Title = "Service unavailable",
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = exception is CommitOutcomeUnknownException ? OutcomeUnknown : detail,
            },
            exception);
    }
}
