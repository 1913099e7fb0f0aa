using Npgsql;

namespace Orleans.Counters.Postgres.Writing;

/// <summary>
/// Thrown when PostgreSQL refuses a write's events as data (SQLSTATE class 22 or 23), such as text
/// holding U+0000: none of the write's events was stored, and sending them again fails the same way.
/// Other writes committed alongside are not affected.
/// </summary>
public sealed class UnstorableEventsException(PostgresException innerException)
    : Exception($"PostgreSQL refused the events: {innerException.MessageText} (SQLSTATE {innerException.SqlState}); none was stored.", innerException)
{
    /// <summary>PostgreSQL's error code, such as 22021 (a character the encoding cannot hold).</summary>
    public string SqlState { get; } = innerException.SqlState;

    /// <summary>PostgreSQL's reason, without the values it refused.</summary>
    public string Reason { get; } = innerException.MessageText;
}
