namespace Orleans.Counters.Postgres;

/// <summary>
/// The process's one pool of connections to the counters' database (<c>ConnectionStrings:Counters</c>):
/// the events queue, the writer, the id sweeper, the key store, the queue metrics and the schema
/// migrator all borrow from it. Orleans' AdoNet providers (clustering, grain storage) keep their own
/// pool, opened through ADO.NET's provider factory from the same connection string.
/// </summary>
/// <remarks>
/// A type of its own rather than a bare <see cref="NpgsqlDataSource"/> in the container, so that a
/// service hosting the counters' client can register its own data source for its own database.
/// </remarks>
public sealed class PostgresDataSource(NpgsqlDataSource source) : IAsyncDisposable
{
    /// <summary>The pool.</summary>
    public NpgsqlDataSource Source { get; } = source;

    /// <summary>A data source for <paramref name="connectionString"/>.</summary>
    public static PostgresDataSource Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new PostgresDataSource(NpgsqlDataSource.Create(connectionString));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
