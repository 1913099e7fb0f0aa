
namespace Orleans.Counters.Client;

/// <summary>Reads the settings every host needs from configuration.</summary>
public sealed record CountersSettings(StorageMode Storage, string? ConnectionString, ClusterSettings Cluster)
{
    /// <summary>The key choosing <see cref="StorageMode"/>.</summary>
    public const string StorageKey = "Counters:Storage";

    /// <summary>The name of the PostgreSQL connection string (<c>ConnectionStrings:Counters</c>).</summary>
    public const string ConnectionStringName = "Counters";

    /// <summary>Reads and checks the settings; throws with a clear message when PostgreSQL mode lacks its connection string.</summary>
    public static CountersSettings From(IConfiguration configuration)
    {
        var storage = configuration.GetValue(StorageKey, StorageMode.Memory);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (storage == StorageMode.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{StorageKey} is {StorageMode.PostgreSql} but ConnectionStrings:{ConnectionStringName} is not set " +
                "(environment variable ConnectionStrings__Counters).");
        }

        var cluster = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        return new CountersSettings(storage, connectionString, cluster);
    }
}
