namespace Orleans.Counters.Gateway.Problems;

/// <summary>One refused field of a request, as listed in a problem document's <c>errors</c>.</summary>
/// <param name="Field">The field, path part or query parameter.</param>
/// <param name="Reason">What is wrong with it.</param>
/// <param name="Index">The event's position in the request, for ingestion errors.</param>
public sealed record FieldProblem(string? Field, string Reason, int? Index = null);
