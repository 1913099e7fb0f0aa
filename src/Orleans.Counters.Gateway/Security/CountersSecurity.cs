using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Orleans.Counters.Gateway.Security;

/// <summary>
/// Keys and rate limits (<c>Counters:Security</c>, <c>Counters:RateLimits</c>). With an admin key
/// configured every API request needs a key; without one the gateway runs open, and says so.
/// </summary>
public static class CountersSecurity
{
    /// <summary>When keys are required, registers authentication, authorization and the rate limiter; the key store is the storage mode's (<c>CountersStorage</c>).</summary>
    public static IServiceCollection AddCountersSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetCountersOptions<SecuritySettings>();
        services.AddSingleton(settings);
        services.AddSingleton<ApiKeyVerifier>();
        if (settings.RequiresKeys)
        {
            services.AddAuthentication(KeyHolder.Scheme)
                .AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyHolder.Scheme, configureOptions: null);
            services.AddAuthorization();
            services.AddSingleton<IAuthorizationHandler, AccountKeyHandler>();
            services.AddKeyRateLimiter(configuration.GetCountersOptions<RateLimitSettings>());
        }
        else
        {
            // Open mode registers no authentication, authorization or rate limiting (WebApplication
            // would add the middleware by itself), so it pays nothing for them; the endpoints' key
            // requirements then have nothing to enforce.
            services.Configure<RouteOptions>(routes => routes.SuppressCheckForUnhandledSecurityMetadata = true);
        }

        return services;
    }

    /// <summary>With keys, adds the middleware, in order: who the key holder is, their rate limit, what they may do.</summary>
    public static WebApplication UseCountersSecurity(this WebApplication app)
    {
        var requiresKeys = app.Services.GetRequiredService<SecuritySettings>().RequiresKeys;
        if (requiresKeys)
        {
            app.UseAuthentication();
            app.UseRateLimiter();
            app.UseAuthorization();
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CountersSecurity));
        if (requiresKeys)
        {
            Log.KeysRequired(logger);
        }
        else
        {
            Log.OpenMode(logger);
        }

        return app;
    }
}
