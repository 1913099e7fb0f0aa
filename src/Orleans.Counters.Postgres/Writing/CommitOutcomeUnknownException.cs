namespace Orleans.Counters.Postgres.Writing;

/// <summary>
/// Thrown when events may or may not have been stored: the connection broke after COMMIT was sent,
/// so its answer was lost, and PostgreSQL could not be asked again before the retries ran out.
/// Sending the events again is safe for those that carry an id (a repeat of an id is not counted
/// again); an event without an id may then be counted twice.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception innerException)
    : Exception("The connection broke after COMMIT was sent and PostgreSQL could not be asked again: the events may or may not have been stored.", innerException);
