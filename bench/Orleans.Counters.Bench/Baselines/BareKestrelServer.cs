namespace Orleans.Counters.Bench.Baselines;

/// <summary>
/// The HTTP ceiling: a bare Kestrel minimal API that reads the same POST body our gateway reads and
/// answers 202 with the same kind of JSON, doing nothing else. Runs in a child process of the bench.
/// </summary>
public static class BareKestrelServer
{
    /// <summary>The first argument that makes the bench binary this server.</summary>
    public const string Command = "serve-kestrel";

    private const string AcceptedJson = """{"accepted":1}""";

    /// <summary>Serves until the process is stopped; takes <c>--urls</c>.</summary>
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/api/events", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            await request.Body.CopyToAsync(Stream.Null, cancellationToken);
            return Results.Text(AcceptedJson, "application/json", statusCode: StatusCodes.Status202Accepted);
        });
        app.MapGet("/ready", () => Results.Ok());
        await app.RunAsync();
    }
}
