using System.Net.Http.Json;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Orleans.Counters.Gateway;

namespace Orleans.Counters.Ship.Tests;

/// <summary>
/// The real gateway in PostgreSQL mode (its silo in-process, a throwaway PostgreSQL server), the mode
/// that remembers event ids and so the only one that imports; it asks for keys. Each test uses accounts
/// of its own.
/// </summary>
public sealed class ImportGatewayFixture : IAsyncLifetime
{
    /// <summary>The configured admin key.</summary>
    public const string AdminKey = "import-ship-admin-key-0123456789abcdefghij";

    private readonly PostgresServer _postgres = new();
    private WebApplication? _app;

    /// <summary>The gateway's address, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>A client sending the admin key.</summary>
    public StatsClient Admin { get; private set; } = null!;

    /// <summary>Skips the calling test outside CI when there is no PostgreSQL server; fails it in CI.</summary>
    public void Require() => _postgres.Require();

    /// <summary>Creates an account; its ingest key and a new import key.</summary>
    public async Task<(string Ingest, string Import)> CreateAccountAsync(string account)
    {
        var (ingest, _) = await Admin.CreateAccountAsync(account);
        using var issued = await Admin.Http.PostAsJsonAsync($"/api/accounts/{account}/keys", new { kind = "import" });
        issued.EnsureSuccessStatusCode();
        var import = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        return (ingest, import);
    }

    /// <summary>The count of an account's type over a period kind containing <paramref name="at"/>.</summary>
    public async Task<long> TotalAsync(string account, string type, PeriodKind kind, DateTime at) =>
        (await Admin.TrackAsync(SeriesKey.AllUrlsOf(account, type), Period.Containing(kind, at))).Total;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        if (_postgres.ConnectionString is not { } connectionString)
        {
            return;
        }

        var arguments = HostArguments.Gateway(new Uri("http://127.0.0.1:0"))
            .Set("Counters:Storage", "PostgreSql")
            .Set("ConnectionStrings:Counters", connectionString)
            .Set("Counters:Security:AdminKey", AdminKey)
            .Set("Counters:Dashboard:Enabled", "false")
            .Set("Logging:LogLevel:Default", "Warning");
        _app = await CountersGateway.BuildAsync(arguments.ToArray());
        await _app.StartAsync();
        Url = _app.Urls.First();
        Admin = new StatsClient(new HttpClient
        {
            BaseAddress = new Uri(Url),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", AdminKey) },
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Admin?.Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }
}
