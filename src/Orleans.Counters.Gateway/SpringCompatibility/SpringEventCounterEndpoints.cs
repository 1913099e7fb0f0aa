using System.Globalization;
using System.Text;
using Orleans.Counters.Gateway.Ingestion;
using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;
using Orleans.Counters.Gateway.Stats;

namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>
/// The compatibility API of the Spring event-counter service we replace (<c>/event_generate/</c>,
/// <c>/event_track/</c>, <c>/event_report/</c>) on our counters, so its clients move over unchanged: events are counted as <c>POST /api/events</c> counts
/// them, in the account <see cref="SpringEventCounterSettings.Account"/>, and read from the same grains.
/// </summary>
public static class SpringEventCounterEndpoints
{
    private static readonly string[] GenerateFields = ["type", "ip", "url", "datetime"];
    private static readonly string[] TrackFields = ["url", "type"];
    private static readonly string[] ReportFields = ["url", "date", "type"];

    private static readonly Dictionary<string, string> SpringFieldOf = new(StringComparer.Ordinal)
    {
        ["userId"] = "ip",
        ["timestamp"] = "datetime",
    };

    /// <summary>Maps the three endpoints; each answers with or without the trailing slash.</summary>
    /// <exception cref="InvalidOperationException">The <c>Counters:SpringEventCounter</c> settings are invalid.</exception>
    public static IEndpointRouteBuilder MapSpringEventCounterApi(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        var settings = configuration.GetCountersOptions<SpringEventCounterSettings>();
        if (SpringEventCounterSettings.ComeFromLegacySection(configuration))
        {
            var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SpringEventCounterEndpoints));
            Log.LegacySection(logger, SpringEventCounterSettings.LegacySection, SpringEventCounterSettings.Section);
        }

        var spring = app.MapGroup("")
            .WithTags("Spring event counter")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        spring.MapPut("/event_generate", (HttpRequest request, [AsParameters] SpringEventCounterServices services, CancellationToken cancellationToken) =>
                GenerateAsync(request, settings, services, cancellationToken))
            .WithName("SpringEventCounterGenerate")
            .Reads<SpringGenerateRequest>("application/json")
            .WithSummary("Spring event-counter compatibility: count one event {type, ip, url, datetime?}; answers text/plain OK.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .RequireAuthorization(AccountKeyRequirement.ForAccount(KeyKind.Ingest, settings.Account));
        spring.MapPost("/event_track", (HttpRequest request, [AsParameters] SpringEventCounterServices services, CancellationToken cancellationToken) =>
                TrackAsync(request, settings, services, cancellationToken))
            .WithName("SpringEventCounterTrack")
            .Reads<SpringTrackRequest>("application/json")
            .WithSummary("Spring event-counter compatibility: the all-time count of {url, type}.")
            .RequireAuthorization(AccountKeyRequirement.ForAccount(KeyKind.Read, settings.Account));
        spring.MapPost("/event_report", (HttpRequest request, [AsParameters] SpringEventCounterServices services, CancellationToken cancellationToken) =>
                ReportAsync(request, settings, services, cancellationToken))
            .WithName("SpringEventCounterReport")
            .Reads<SpringReportRequest>("application/json")
            .WithSummary("Spring event-counter compatibility: {url, date, type?} → the count of each type in each hour of the UTC day, hours without events left out.")
            .RequireAuthorization(AccountKeyRequirement.ForAccount(KeyKind.Read, settings.Account));
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GenerateAsync(
        HttpRequest request, SpringEventCounterSettings settings, SpringEventCounterServices services, CancellationToken cancellationToken)
    {
        var receivedAt = services.Clock.GetUtcNow().UtcDateTime;
        var (body, problem) = await SpringRequestBody.ReadAsync(request, services.IngestLimits.Value, GenerateFields, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var input = new EventInput
        {
            Account = settings.Account,
            Type = body.String("type"),
            Url = body.String("url"),
            UserId = body.String("ip"),
            Timestamp = body.DateTime("datetime"),
        };
        var errors = await services.Intake.CountAsync([input], body.Errors, receivedAt, cancellationToken);
        if (errors is not null)
        {
            return ProblemResults.Invalid("Invalid event", errors.Select(e => new FieldProblem(SpringField(e, body), e.Reason)));
        }

        return TypedResults.Text("OK", "text/plain", Encoding.UTF8);
    }

    private static async Task<Results<Ok<EventTrackResponse>, ProblemHttpResult>> TrackAsync(
        HttpRequest request, SpringEventCounterSettings settings, SpringEventCounterServices services, CancellationToken cancellationToken)
    {
        var (body, query, url, problem) = await ReadCountRequestAsync(request, services, TrackFields, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var type = body.String("type");
        var series = query.Series(settings.Account, type, url);
        if (Refused(body, query) is { } refused)
        {
            return refused;
        }

        // All time: the whole years from FirstYear to the one an event could be in now, future skew included.
        var latest = services.Clock.GetUtcNow().UtcDateTime + services.EventLimits.Value.MaxFutureSkew;
        var zone = await services.Counters.TimeZoneAsync(settings.Account);
        var from = Period.Year(settings.FirstYear, zone).Start;
        var count = from > latest ? 0 : (await services.Counters.SummarizeRangeAsync(series, from, Period.Containing(PeriodKind.Year, latest, zone).End, zone)).Count;
        return TypedResults.Ok(new EventTrackResponse(url!, type!, count));
    }

    private static async Task<Results<Ok<List<EventReportRow>>, ProblemHttpResult>> ReportAsync(
        HttpRequest request, SpringEventCounterSettings settings, SpringEventCounterServices services, CancellationToken cancellationToken)
    {
        var (body, query, url, problem) = await ReadCountRequestAsync(request, services, ReportFields, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var day = query.RequiredDay("date", body.String("date"));
        var type = body.String("type");
        // Without a type every type the account has sent is reported; the placeholder only passes the name check.
        var series = query.Series(settings.Account, type ?? "any", url);
        if (Refused(body, query) is { } refused)
        {
            return refused;
        }

        var types = type is null ? await services.Counters.TypesAsync(settings.Account) : [type];
        var zone = await services.Counters.TimeZoneAsync(settings.Account);
        var local = Period.Day(day!.Value.Local.Year, day.Value.Local.Month, day.Value.Local.Day, zone);
        var window = CountWindow.At(services.Clock.GetUtcNow().UtcDateTime, services.EventLimits.Value);
        var counts = await Task.WhenAll(types.Select(t => services.Counters.ReadAsync(series with { Type = t }, local, window)));
        var rows = new List<EventReportRow>();
        for (var hour = 0; hour < local.SegmentCount; hour++)
        {
            var datehour = TimeZones.ToLocal(local.SegmentStart(hour), zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            rows.AddRange(types.Zip(counts)
                .Where(typed => typed.Second.Segments[hour] > 0)
                .Select(typed => new EventReportRow(url!, datehour, typed.First, typed.Second.Segments[hour])));
        }

        return TypedResults.Ok(rows);
    }

    // The event rules name our fields (userId, timestamp); the reader's errors already name what the client sent.
    private static string? SpringField(FieldError error, SpringRequestBody body) =>
        error.Field is null || body.Errors.Contains(error) ? error.Field : SpringFieldOf.GetValueOrDefault(error.Field, error.Field);

    // The start of a track or report request: its body, and the query its rules are checked into, which holds the
    // url's refusal already. The Spring service counted by url; an absent or empty one is refused, where StatsQuery
    // would read it as every URL. A body that cannot be read at all gives a null body and the problem.
    private static async Task<(SpringRequestBody? Body, StatsQuery Query, string? Url, ProblemHttpResult? Problem)> ReadCountRequestAsync(
        HttpRequest request, SpringEventCounterServices services, IReadOnlyCollection<string> fields, CancellationToken cancellationToken)
    {
        var query = new StatsQuery();
        var (body, problem) = await SpringRequestBody.ReadAsync(request, services.IngestLimits.Value, fields, cancellationToken);
        var url = body?.String("url");
        if (body is not null && string.IsNullOrEmpty(url))
        {
            query.Refuse("url", "is required");
        }

        return (body, query, url, problem);
    }

    private static ProblemHttpResult? Refused(SpringRequestBody body, StatsQuery query)
    {
        var ruleErrors = query.FieldProblems.Select(p => new FieldError(0, p.Field, p.Reason));
        var errors = JsonFields.Merge(body.Errors, ruleErrors);
        return errors.Count == 0 ? null : ProblemResults.Invalid("Invalid request", errors.Select(e => new FieldProblem(e.Field, e.Reason)));
    }
}
