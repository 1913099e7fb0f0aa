using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary><c>/api/accounts/{account}/settings</c>: an account's time zone, read and set.</summary>
public static class AccountEndpoints
{
    /// <summary>Maps the account settings endpoints.</summary>
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").ProducesProblem(StatusCodes.Status400BadRequest);
        accounts.MapGet("/{account}/settings", GetAsync)
            .WithName("GetAccountSettings")
            .WithSummary("An account's time zone.")
            .RequireAuthorization(AccountKeyRequirement.ForRouteAccount(KeyKind.Read));
        accounts.MapPut("/{account}/settings", PutAsync)
            .WithName("PutAccountSettings")
            .WithSummary("Sets an account's time zone (IANA name; UTC by default), before it counts its first event.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(AccountKeyRequirement.Admin);
        return app;
    }

    private static async Task<Results<Ok<AccountSettingsResponse>, ProblemHttpResult>> GetAsync(string account, IGrainFactory grains)
    {
        if (CheckAccount(account) is { } refused)
        {
            return refused;
        }

        var zone = await grains.GetGrain<IAccountSettingsGrain>(account).GetTimeZoneAsync();
        return TypedResults.Ok(new AccountSettingsResponse(account, zone ?? TimeZones.Utc));
    }

    private static async Task<Results<Ok<AccountSettingsResponse>, ProblemHttpResult>> PutAsync(
        string account, HttpRequest request, [AsParameters] AccountSettingsServices services, CancellationToken cancellationToken)
    {
        if (CheckAccount(account) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await SmallJsonBody.ReadObjectAsync(request, "{\"timeZone\": \"Europe/Paris\"}", cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.Value.String("timeZone") is not { } name)
        {
            return ProblemResults.Invalid("timeZone", "is required: an IANA time zone name such as Europe/Paris, or UTC");
        }

        if (!TimeZones.TryNormalize(name, out var zone))
        {
            return ProblemResults.Invalid("timeZone", "must be an IANA time zone name such as Europe/Paris, or UTC");
        }

        var change = await services.Grains.GetGrain<IAccountSettingsGrain>(account).SetTimeZoneAsync(zone);
        services.Counters.ForgetTimeZone(account);
        if (change == TimeZoneChange.RefusedAccountHasCounts)
        {
            return TypedResults.Problem(
                title: "The account has counted events already",
                statusCode: StatusCodes.Status409Conflict,
                detail: "An account's time zone is set before its first event: counts kept in one zone's hours cannot be split into another's.",
                extensions: new Dictionary<string, object?> { ["errors"] = new List<FieldProblem> { new("timeZone", "cannot change once the account has counted events") } });
        }

        return TypedResults.Ok(new AccountSettingsResponse(account, zone ?? TimeZones.Utc));
    }

    internal static ProblemHttpResult? CheckAccount(string account) =>
        EventValidator.IsValidName(account) && account != SeriesKey.AllAccounts
            ? null
            : ProblemResults.Invalid("account", $"must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', and not '{SeriesKey.AllAccounts}', the total over every account");
}
