using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Orleans.Counters.Gateway.Problems;

/// <summary>
/// Answers 400 problem+json when PostgreSQL refused a request's events as data (<see cref="UnstorableEventsException"/>):
/// the client's input, not a fault of the service, and sending it again fails the same way. Nothing
/// from the request was stored; requests committed in the same group are not affected.
/// </summary>
public sealed class UnstorableEventsHandler(IProblemDetailsService problems, ILogger<UnstorableEventsHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not UnstorableEventsException unstorable)
        {
            return false;
        }

        Log.UnstorableEvents(logger, unstorable.SqlState, unstorable.Reason);
        return await ProblemWriter.WriteAsync(
            httpContext,
            problems,
            new ProblemDetails
            {
                Title = "Events cannot be stored",
                Status = StatusCodes.Status400BadRequest,
                Detail = $"The database refused this request's events: {unstorable.Reason}. Nothing from this request was counted; "
                    + "sending it unchanged fails the same way. Check the events' text fields for characters such as U+0000.",
                Extensions = { ["sqlState"] = unstorable.SqlState },
            },
            exception);
    }
}
