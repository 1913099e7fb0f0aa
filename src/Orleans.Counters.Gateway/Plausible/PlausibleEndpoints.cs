using System.Diagnostics;
using Orleans.Counters.Gateway.Accounts;
using Orleans.Counters.Gateway.Ingestion;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Plausible;

/// <summary>
/// <c>POST /api/event</c>: Plausible's Events API, so that a site that points Plausible's own script (or a server
/// that calls Plausible's API) at this gateway is counted with no other change. The body's <c>domain</c> names the
/// account, through the accounts' <c>domains</c> settings; like Plausible's, the endpoint takes no key.
/// </summary>
public static class PlausibleEndpoints
{
    private const string Endpoint = "/api/event";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapPlausibleApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Endpoint, PostEventAsync)
            .WithName("PostPlausibleEvent")
            .WithSummary("Count one event sent as Plausible's Events API sends it; its domain names the account (settings: domains).")
            .WithTags("Ingestion")
            .Reads<PlausibleEventRequest>("application/json", "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AllowAnonymous()
            // Plausible's script posts text/plain from any page, and its server answers any origin: no credentials are involved.
            .RequireCors(policy => policy.AllowAnyOrigin().WithMethods(HttpMethods.Post).WithHeaders("Content-Type"));
        return app;
    }

    private static async Task<Results<Accepted<IngestEndpoints.AcceptedEvents>, ProblemHttpResult>> PostEventAsync(
        HttpRequest request, [AsParameters] PlausibleServices services, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = services.Clock.GetUtcNow().UtcDateTime;
        var (body, problem) = await SmallJsonBody.ReadObjectAsync(request, """{"name": "pageview", "url": "https://shop.example/", "domain": "shop.example"}""", cancellationToken, PlausibleBodyMaxBytes);
        if (body is null)
        {
            return Refused(problem!, "malformed");
        }

        var (plausible, problems) = PlausibleEvent.Read(body.Value);
        if (plausible is null)
        {
            return Refused(ProblemResults.Invalid("Invalid event", problems.Select(p => new FieldProblem(p.Field, p.Reason))), "invalid");
        }

        var accounts = new List<string>();
        foreach (var domain in plausible.Domains)
        {
            if (await services.Domains.FindAsync(domain) is { } account && !accounts.Contains(account))
            {
                accounts.Add(account);
            }
        }

        if (accounts.Count == 0)
        {
            return Refused(ProblemResults.Invalid("domain", $"{string.Join(", ", plausible.Domains)} belongs to no account: list it in an account's domains (PUT /api/accounts/{{account}}/settings {{\"domains\": [...]}})"), "invalid");
        }

        var agent = request.Headers.UserAgent.ToString();
        var events = accounts.Select(account => PlausibleEvents.ToInput(plausible, account, agent)).ToList();
        var errors = await services.Intake.CountAsync(events, [], receivedAt, cancellationToken);
        if (errors is not null)
        {
            return Refused(ProblemResults.Invalid("Invalid event", errors.DistinctBy(e => (e.Field, e.Reason)).Select(e => new FieldProblem(PlausibleEvents.FieldName(e.Field), e.Reason))), "invalid");
        }

        services.Metrics.Accepted(events.Count);
        services.Metrics.Took(Stopwatch.GetElapsedTime(started), Endpoint);
        return TypedResults.Accepted((string?)null, new IngestEndpoints.AcceptedEvents(events.Count));

        ProblemHttpResult Refused(ProblemHttpResult refusal, string reason)
        {
            services.Metrics.Refused(1, reason);
            services.Metrics.Took(Stopwatch.GetElapsedTime(started), Endpoint);
            return refusal;
        }
    }

    // Room for Plausible's own limits on props (30 of up to 2,000 characters), which ours then check.
    private const int PlausibleBodyMaxBytes = 128 * 1024;
}
