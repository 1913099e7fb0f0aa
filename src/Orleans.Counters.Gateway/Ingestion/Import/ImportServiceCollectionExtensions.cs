namespace Orleans.Counters.Gateway.Ingestion.Import;

/// <summary>Registers what <c>POST /api/import</c> needs.</summary>
public static class ImportServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ImportLimits"/> and adds the <see cref="EventImporter"/>.</summary>
    public static IServiceCollection AddEventImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCountersOptions<ImportLimits>(configuration);
        services.AddSingleton<EventImporter>();
        return services;
    }
}
