using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Orleans.Counters.Gateway.Website;

/// <summary>Registers and adds what websites use: the accounts' allowed origins and CORS from them, and their site domains.</summary>
public static class WebsiteServiceCollectionExtensions
{
    /// <summary>Registers CORS with the accounts' origins as its only policy.</summary>
    public static IServiceCollection AddWebsite(this IServiceCollection services)
    {
        services.AddCors();
        services.AddSingleton<AccountOrigins>();
        services.AddSingleton<Plausible.DomainAccounts>();
        // Replaces the default provider, which would know only policies configured in code.
        services.AddSingleton<ICorsPolicyProvider, AccountCorsPolicyProvider>();
        return services;
    }

    /// <summary>
    /// Adds the CORS middleware. It goes before keys and rate limits: a preflight carries no key, and
    /// is answered by CORS alone.
    /// </summary>
    public static WebApplication UseWebsiteCors(this WebApplication app)
    {
        app.UseCors();
        return app;
    }
}
