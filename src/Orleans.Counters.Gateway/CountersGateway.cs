using Orleans.Counters.Gateway.Accounts;
using Orleans.Counters.Gateway.Cluster;
using Orleans.Counters.Gateway.Dashboard;
using Orleans.Counters.Gateway.Ingestion;
using Orleans.Counters.Gateway.Ingestion.Import;
using Orleans.Counters.Gateway.Operations;
using Orleans.Counters.Gateway.Plausible;
using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;
using Orleans.Counters.Gateway.SpringCompatibility;
using Orleans.Counters.Gateway.Stats;
using Orleans.Counters.Gateway.Website;
using Orleans.Counters.Hosting;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Hosting.Storage;
using Orleans.Dashboard;

namespace Orleans.Counters.Gateway;

/// <summary>Builds the gateway: the HTTP API in front of the counting cluster.</summary>
public static class CountersGateway
{
    /// <summary>Where the gateway listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Where the Orleans dashboard is served, behind the admin key.</summary>
    public const string OrleansDashboardPath = "/orleans";

    /// <summary>Builds the web application from command-line arguments, environment and configuration files.</summary>
    public static Task<WebApplication> BuildAsync(string[] args, CancellationToken cancellationToken = default) =>
        BuildAsync(args, services: null, cancellationToken);

    /// <summary>
    /// Builds the web application as <see cref="BuildAsync(string[], CancellationToken)"/> does, letting
    /// <paramref name="services"/> replace registrations last: tests give it a clock of their own.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<IServiceCollection>? services, CancellationToken cancellationToken = default)
    {
        // Content root = where the binaries are, so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCountersConfigFile(args);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            // Neither --urls, ASPNETCORE_URLS nor ASPNETCORE_HTTP_PORTS was given.
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var configuration = builder.Configuration;
        // Kestrel:Limits (header timeout, keep-alive, …) from configuration: found unapplied without this,
        // a client could sit on a connection without finishing its headers.
        builder.WebHost.ConfigureKestrel(kestrel => configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));
        var settings = CountersSettings.From(configuration);
        var gateway = configuration.GetCountersOptions<GatewaySettings>();
        var orleansDashboard = OrleansDashboardSettings.IsEnabled(configuration);
        if (gateway.HostSilo)
        {
            builder.UseOrleans(silo => silo.AddCounters(configuration));
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.AddCountersStorage(configuration);
                client.AddCountersTracing(configuration);
                if (orleansDashboard)
                {
                    client.AddDashboard();
                }
            });
            builder.Services.AddClusterConnection();
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCountersOptions<IngestLimits>(configuration);
        builder.Services.AddSingleton(sp => Options.Create(sp.GetRequiredService<IOptions<IngestLimits>>().Value.Events));
        builder.Services.AddSingleton(sp => new EventValidator(sp.GetRequiredService<IOptions<EventLimits>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<EventPublisher>();
        builder.Services.AddSingleton<EventIntake>();
        builder.Services.AddEventImport(configuration);
        builder.Services.AddSingleton<CounterReader>();
        builder.Services.AddSingleton<CountWindows>();
        builder.Services.AddSingleton(settings);
        builder.Services.AddCountersOperations();
        builder.Services.AddCountersTelemetry(configuration);
        builder.Services.AddWebsite();
        builder.Services.AddCountersStorageServices(settings);
        builder.Services.AddCountersSecurity(configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnstorableEventsHandler>();
        builder.Services.AddExceptionHandler<ServiceUnavailableHandler>();

        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebsiteCors();
        app.UseCountersSecurity();
        app.MapCountersOperations();
        // As a client of the cluster, the API answers 503 until a silo has been reached; a gateway that
        // hosts its silo serves once that silo runs.
        var api = app.MapGroup("").DescribeSharedAnswers();
        if (!gateway.HostSilo)
        {
            api.AddEndpointFilter<ClusterGate>();
        }

        api.MapIngestApi();
        api.MapImportApi();
        api.MapStatsApi();
        api.MapAccountApi();
        api.MapPlausibleApi();
        api.MapAccountKeyApi();
        api.MapDeadLetterApi();
        api.MapSpringEventCounterApi();
        app.MapDashboard();
        app.MapTracker();
        if (orleansDashboard)
        {
            app.MapOrleansDashboard(OrleansDashboardPath).RequireAuthorization(AccountKeyRequirement.Admin).ExcludeFromDescription();
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CountersGateway));
        Log.Mode(logger, settings.Storage, settings.Streams, gateway.HostSilo ? "with a silo in this process" : "as a client of the cluster");
        if (settings.Storage == StorageMode.Memory)
        {
            Log.MemoryOnly(logger);
        }
        else if (settings.Streams == StorageMode.Memory)
        {
            Log.MemoryStream(logger);
        }

        return app;
    }
}
