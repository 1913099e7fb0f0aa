using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>Starts the real gateway, with its in-process silo, on free loopback ports.</summary>
internal static class TestGateway
{
    /// <summary>Starts a gateway; <paramref name="settings"/> are more command-line settings, later ones winning.</summary>
    public static Task<WebApplication> StartAsync(params string[] settings) => StartAsync(clock: null, settings);

    /// <summary>Starts a gateway whose silo and API read <paramref name="clock"/> (the real clock when null).</summary>
    public static async Task<WebApplication> StartAsync(TimeProvider? clock, params string[] settings)
    {
        var app = await CountersGateway.BuildAsync(
            HostArguments.Gateway(new Uri("http://127.0.0.1:0")).Set("Logging:LogLevel:Default", "Warning").Add(settings).ToArray(),
            services =>
            {
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }
            });
        await app.StartAsync();
        return app;
    }

    /// <summary>Stops and disposes a gateway, if one was started.</summary>
    public static async Task StopAsync(WebApplication? app)
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
