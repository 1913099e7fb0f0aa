using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Counters.Client;
using Orleans.Counters.Hosting.Storage;
using Orleans.Hosting;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>
/// The client library a .NET service references carries no PostgreSQL: the durable mode is this
/// project's, and the storage mode is chosen by the host, not by the library.
/// </summary>
public sealed class ClientLibraryTests
{
    private static readonly IConfiguration PostgresMode = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Counters:Storage"] = "PostgreSql",
        ["ConnectionStrings:Counters"] = "Host=localhost;Database=counters",
    }).Build();

    [Fact]
    public void TheClientLibrary_ReferencesNeitherNpgsqlNorThePostgresProject()
    {
        var references = typeof(EventPublisher).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Npgsql", references);
        Assert.DoesNotContain(typeof(PostgresDataSource).Assembly.GetName().Name, references);
        Assert.DoesNotContain("Orleans.Clustering.AdoNet", references);
    }

    [Fact]
    public void AddCounters_RefusesPostgresMode_AndNamesTheExtensionToCall()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ClientHost(client => client.AddCounters(PostgresMode)));

        Assert.Contains("AddPostgresCounters", refused.Message);
    }

    [Fact]
    public void AClientOfAPostgresCluster_WritesThroughTheDurableWriter_OnTheProcesssOneDataSource()
    {
        using var host = ClientHost(client => client.AddCountersStorage(PostgresMode));
        var services = host.Services;

        var writer = Assert.IsType<DurableEventWriter>(services.GetRequiredService<IEventWriter>());
        var queue = services.GetRequiredKeyedService<PostgresEventQueue>(CounterStreams.ProviderName);
        Assert.Same(services.GetRequiredService<PostgresDataSource>(), queue.Database);
        Assert.NotNull(writer);
    }

    // What an Orleans client registers, without starting it.
    private static IHost ClientHost(Action<IClientBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(configure);
        return builder.Build();
    }
}
