namespace Orleans.Counters.Gateway.Problems;

/// <summary>The application/problem+json answers the gateway gives.</summary>
public static class ProblemResults
{
    /// <summary>400 listing each refused field.</summary>
    public static ProblemHttpResult Invalid(string title, IEnumerable<FieldProblem> errors) =>
        TypedResults.Problem(
            title: title,
            statusCode: StatusCodes.Status400BadRequest,
            detail: "See errors for each refused field; nothing from this request was counted.",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToList() });

    /// <summary>400 for one refused field.</summary>
    public static ProblemHttpResult Invalid(string field, string reason) =>
        Invalid("Invalid request", [new FieldProblem(field, reason)]);

    /// <summary>400 for a body that cannot be read at all.</summary>
    public static ProblemHttpResult Malformed(string detail) =>
        TypedResults.Problem(title: "Malformed request body", statusCode: StatusCodes.Status400BadRequest, detail: detail);

    /// <summary>413 for a body or batch over the configured limit.</summary>
    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(title: "Request too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: detail);

    /// <summary>415 for a body in a format the endpoint does not read.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType, detail: detail);
}
