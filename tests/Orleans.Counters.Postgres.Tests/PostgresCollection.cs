namespace Orleans.Counters.Postgres.Tests;

/// <summary>The test classes that share one PostgreSQL server; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<StreamsDatabase>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}
