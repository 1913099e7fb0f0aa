using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace Orleans.Counters.Gateway.Problems;

/// <summary>
/// Answers 503 problem+json when the Orleans cluster cannot be reached, so clients retry
/// instead of treating the request as a server bug.
/// </summary>
public sealed partial class ClusterUnavailableHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException))
        {
            return false;
        }

        LogUnavailable(exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Title = "Counting cluster unavailable",
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = "The request was not processed; retry it.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster unavailable: {Exception}: {Message}")]
    private partial void LogUnavailable(string exception, string message);
}
