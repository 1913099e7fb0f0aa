using Microsoft.AspNetCore.Mvc;

namespace Orleans.Counters.Gateway.Problems;

/// <summary>
/// Writes an application/problem+json answer where no endpoint returns a result (exception handlers, the
/// cluster gate), through the app's <see cref="IProblemDetailsService"/>, so it reads as the endpoints' do.
/// </summary>
public static class ProblemWriter
{
    /// <summary>Sets the response's status to the problem's and writes the problem; false when no writer could.</summary>
    /// <param name="httpContext">The request answered.</param>
    /// <param name="problems">The app's problem details service.</param>
    /// <param name="problem">The answer; its <see cref="ProblemDetails.Status"/> is the response's status code.</param>
    /// <param name="exception">What went wrong, when an exception did.</param>
    public static ValueTask<bool> WriteAsync(HttpContext httpContext, IProblemDetailsService problems, ProblemDetails problem, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(problem.Status);
        httpContext.Response.StatusCode = problem.Status.Value;
        return problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
