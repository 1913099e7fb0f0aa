namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>One row of <c>/event_report/</c>'s answer, shaped like a row of the Spring service's <c>event_summary</c> table.</summary>
/// <param name="Url">The url as the request sent it.</param>
/// <param name="Datehour">The hour's start, UTC, written as the table showed it: <c>2021-12-03 19:00:00</c>.</param>
/// <param name="Type">The event type.</param>
/// <param name="Count">Events of the type at the url's path in that hour; never 0 (such hours have no row).</param>
public sealed record EventReportRow(string Url, string Datehour, string Type, long Count);
