using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Orleans.Runtime;

namespace Orleans.Counters.Gateway.Problems;

/// <summary>
/// Answers 503 problem+json when the Orleans cluster or its database cannot be reached, so
/// clients retry instead of treating the request as a server bug. Nothing was accepted.
/// </summary>
public sealed partial class ServiceUnavailableHandler(IProblemDetailsService problems, ILogger<ServiceUnavailableHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException or NpgsqlException))
        {
            return false;
        }

        LogUnavailable(exception.GetType().Name, exception.Message);
        return await WriteAsync(httpContext, problems, "The request was not processed; retry it.", exception);
    }

    /// <summary>Writes the 503 problem+json, with <c>Retry-After</c>, that tells a client to send the request again.</summary>
    public static async ValueTask<bool> WriteAsync(HttpContext httpContext, IProblemDetailsService problems, string detail, Exception? exception = null)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Title = "Service unavailable",
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = detail,
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unavailable: {Exception}: {Message}")]
    private partial void LogUnavailable(string exception, string message);
}
