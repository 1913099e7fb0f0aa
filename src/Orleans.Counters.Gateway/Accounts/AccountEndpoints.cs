using Orleans.Counters.Gateway.Plausible;
using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;
using Orleans.Counters.Gateway.Website;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary>
/// <c>/api/accounts</c>: the list of accounts (admin key), and <c>/api/accounts/{account}/settings</c>, an account's
/// time zone, allowed origins and site domains, read and set.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Maps the account settings endpoints.</summary>
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").ProducesProblem(StatusCodes.Status400BadRequest);
        accounts.MapGet("/", ListAsync)
            .WithName("ListAccounts")
            .WithSummary("Every account: its event types, the minutes of its first and last events, its time zone.")
            .RequireAuthorization(AccountKeyRequirement.Admin);
        accounts.MapGet("/{account}/settings", GetAsync)
            .WithName("GetAccountSettings")
            .WithSummary("An account's time zone and allowed origins; 404 for an account that never counted an event, was created or given settings.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AccountKeyRequirement.ForRouteAccount(KeyKind.Read));
        accounts.MapPut("/{account}/settings", PutAsync)
            .WithName("PutAccountSettings")
            .Reads<AccountSettingsRequest>("application/json")
            .WithSummary("Sets an account's time zone (IANA name; UTC by default), its allowed origins and/or its site domains; a field left out stays as it is. " +
                "A time zone changed after the account's first event is rebuilt: its counted past moves into the new zone while reads answer from the former one (rebuilding: true); 409 while a rebuild runs.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(AccountKeyRequirement.Admin);
        return app;
    }

    private static async Task<Ok<AccountListResponse>> ListAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var names = await grains.GetGrain<IAccountDirectoryGrain>(SeriesKey.AllAccounts).ListAsync();
        var summaries = new AccountSummary[names.Length];
        // A few grain calls per account, some in parallel: many accounts must not flood the silos.
        await Parallel.ForAsync(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var catalog = grains.GetGrain<IAccountCatalogGrain>(names[i]);
            var types = catalog.GetTypesAsync();
            var times = catalog.GetEventTimesAsync();
            var zone = grains.GetGrain<IAccountSettingsGrain>(names[i]).GetTimeZoneAsync();
            var span = await times;
            summaries[i] = new AccountSummary(names[i], await types, span.First, span.Last, await zone ?? TimeZones.Utc);
        });
        return TypedResults.Ok(new AccountListResponse(summaries));
    }

    private static async Task<Results<Ok<AccountSettingsResponse>, ProblemHttpResult>> GetAsync(string account, IGrainFactory grains)
    {
        if (CheckAccount(account) is { } refused)
        {
            return refused;
        }

        if (!await KnownAccounts.IsKnownAsync(grains, account))
        {
            return TypedResults.Problem(
                title: "No such account",
                statusCode: StatusCodes.Status404NotFound,
                detail: $"'{account}' has counted no event, was not created (POST /api/accounts) and has no settings (PUT /api/accounts/{account}/settings).");
        }

        return TypedResults.Ok(await ReadAsync(grains, account));
    }

    private static async Task<AccountSettingsResponse> ReadAsync(IGrainFactory grains, string account)
    {
        var settings = grains.GetGrain<IAccountSettingsGrain>(account);
        var zone = await settings.GetZoneAsync();
        var origins = await settings.GetAllowedOriginsAsync();
        var domains = await grains.GetGrain<IDomainDirectoryGrain>(SeriesKey.AllAccounts).GetAsync(account);
        var rebuild = await grains.GetGrain<IZoneRebuildGrain>(account).GetProgressAsync();
        return new AccountSettingsResponse(account, zone.History.Current ?? TimeZones.Utc, origins, domains)
        {
            Rebuilding = zone.Rebuilding,
            Rebuild = rebuild is null
                ? null
                : new ZoneRebuildResponse(
                    rebuild.From ?? TimeZones.Utc, rebuild.To ?? TimeZones.Utc, rebuild.Phase, rebuild.HoursDone, rebuild.HoursTotal, rebuild.StartedAt, rebuild.FinishedAt),
        };
    }

    private static async Task<Results<Ok<AccountSettingsResponse>, ProblemHttpResult>> PutAsync(
        string account, HttpRequest request, [AsParameters] AccountSettingsServices services, CancellationToken cancellationToken)
    {
        if (CheckAccount(account) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await SmallJsonBody.ReadObjectAsync(request, "{\"timeZone\": \"Europe/Paris\", \"allowedOrigins\": [\"https://shop.example\"]}", cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var hasZone = body.Value.TryGetProperty("timeZone", out _);
        var hasOrigins = body.Value.TryGetProperty("allowedOrigins", out var originsField);
        var hasDomains = body.Value.TryGetProperty("domains", out var domainsField);
        if (!hasZone && !hasOrigins && !hasDomains)
        {
            return ProblemResults.Invalid("timeZone", "is required (or allowedOrigins, or domains): an IANA time zone name such as Europe/Paris, or UTC");
        }

        string? zone = null;
        if (hasZone && (body.Value.String("timeZone") is not { } name || !TimeZones.TryNormalize(name, out zone)))
        {
            return ProblemResults.Invalid("timeZone", "must be an IANA time zone name such as Europe/Paris, or UTC");
        }

        var origins = ImmutableArray<string>.Empty;
        if (hasOrigins)
        {
            if (originsField.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                return ProblemResults.Invalid("allowedOrigins", "must be an array of origins such as [\"https://shop.example\"]; [] allows none");
            }

            var texts = originsField.EnumerateArray()
                .Select(o => o.ValueKind == System.Text.Json.JsonValueKind.String && Ingestion.JsonFields.TryGetString(o, out var text) ? text : null)
                .ToList();
            (origins, var originProblems) = AllowedOrigins.NormalizeAll(texts);
            if (originProblems.Count > 0)
            {
                return ProblemResults.Invalid("Invalid request", originProblems.Select(p => new FieldProblem(p.Field, p.Reason)));
            }
        }

        var domains = ImmutableArray<string>.Empty;
        if (hasDomains)
        {
            if (domainsField.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                return ProblemResults.Invalid("domains", "must be an array of site domains such as [\"shop.example\"]; [] lists none");
            }

            var texts = domainsField.EnumerateArray()
                .Select(d => d.ValueKind == System.Text.Json.JsonValueKind.String && Ingestion.JsonFields.TryGetString(d, out var text) ? text : null)
                .ToList();
            (domains, var domainProblems) = SiteDomains.NormalizeAll(texts);
            if (domainProblems.Count > 0)
            {
                return ProblemResults.Invalid("Invalid request", domainProblems.Select(p => new FieldProblem(p.Field, p.Reason)));
            }
        }

        var settings = services.Grains.GetGrain<IAccountSettingsGrain>(account);
        var directory = services.Grains.GetGrain<IDomainDirectoryGrain>(SeriesKey.AllAccounts);
        await KnownAccounts.AddAsync(services.Grains, account);
        var formerDomains = hasDomains ? await directory.GetAsync(account) : [];
        if (hasDomains && await directory.SetAsync(account, domains) is { IsEmpty: false } taken)
        {
            return TypedResults.Problem(
                title: "A domain belongs to another account",
                statusCode: StatusCodes.Status409Conflict,
                detail: $"{string.Join(", ", taken)} already belongs to another account: take it out of that account's domains first.",
                extensions: new Dictionary<string, object?> { ["errors"] = taken.Select(d => new FieldProblem($"domains[{domains.IndexOf(d)}]", "belongs to another account")).ToList() });
        }

        if (hasZone)
        {
            var change = await settings.SetTimeZoneAsync(zone);
            services.Counters.ForgetTimeZone(account);
            if (change == TimeZoneChange.RefusedRebuildRunning)
            {
                // Refused before the origins are touched, and the domains put back: a refused request changes nothing.
                if (hasDomains)
                {
                    await directory.SetAsync(account, formerDomains);
                }

                var running = await services.Grains.GetGrain<IZoneRebuildGrain>(account).GetProgressAsync();
                return TypedResults.Problem(
                    title: "A change of time zone is being rebuilt",
                    statusCode: StatusCodes.Status409Conflict,
                    detail: $"The account's counts are moving from {running?.From ?? TimeZones.Utc} into {running?.To ?? TimeZones.Utc} " +
                        $"({running?.Phase}: {running?.HoursDone} of {running?.HoursTotal} hour groups moved); change the zone again once it is done (GET this resource shows its progress).",
                    extensions: new Dictionary<string, object?> { ["errors"] = new List<FieldProblem> { new("timeZone", "cannot change while a rebuild into another zone runs") } });
            }
        }

        if (hasOrigins)
        {
            await settings.SetAllowedOriginsAsync(origins);
            services.Origins.Forget(account);
        }

        if (hasDomains)
        {
            services.Domains.Forget(formerDomains.Concat(domains));
        }

        return TypedResults.Ok(await ReadAsync(services.Grains, account));
    }

    internal static ProblemHttpResult? CheckAccount(string account) =>
        EventValidator.IsValidName(account) && account != SeriesKey.AllAccounts
            ? null
            : ProblemResults.Invalid("account", $"must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', and not '{SeriesKey.AllAccounts}', the total over every account");
}
