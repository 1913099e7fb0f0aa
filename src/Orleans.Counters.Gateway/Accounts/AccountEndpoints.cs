using System.Text.Json;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary><c>/api/accounts/{account}/settings</c>: an account's time zone, read and set.</summary>
public static class AccountEndpoints
{
    /// <summary>The largest settings body read.</summary>
    public const int MaxBodyBytes = 4 * 1024;

    /// <summary>Maps the account settings endpoints.</summary>
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapGet("/{account}/settings", GetAsync)
            .WithName("GetAccountSettings")
            .WithSummary("An account's time zone.");
        accounts.MapPut("/{account}/settings", PutAsync)
            .WithName("PutAccountSettings")
            .WithSummary("Sets an account's time zone (IANA name; UTC by default), before it counts its first event.");
        return app;
    }

    private static async Task<IResult> GetAsync(string account, IGrainFactory grains)
    {
        if (CheckAccount(account) is { } refused)
        {
            return refused;
        }

        var zone = await grains.GetGrain<IAccountSettingsGrain>(account).GetTimeZoneAsync();
        return TypedResults.Ok(new AccountSettingsResponse(account, zone ?? TimeZones.Utc));
    }

    private static async Task<IResult> PutAsync(string account, HttpRequest request, IGrainFactory grains, CounterReader counters, CancellationToken cancellationToken)
    {
        if (CheckAccount(account) is { } refused)
        {
            return refused;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Problems.Problems.TooLarge($"A settings body is at most {MaxBodyBytes} bytes.");
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Problems.Problems.TooLarge($"A settings body is at most {MaxBodyBytes} bytes.");
        }

        string? name;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.Problems.Malformed("The body must be a JSON object such as {\"timeZone\": \"Europe/Paris\"}.");
            }

            if (!document.RootElement.TryGetProperty("timeZone", out var value) || value.ValueKind != JsonValueKind.String)
            {
                return Problems.Problems.Invalid("timeZone", "is required: an IANA time zone name such as Europe/Paris, or UTC");
            }

            name = value.GetString();
        }
        catch (JsonException exception)
        {
            return Problems.Problems.Malformed($"The body is not valid JSON: {exception.Message}");
        }

        if (!TimeZones.TryNormalize(name, out var zone))
        {
            return Problems.Problems.Invalid("timeZone", "must be an IANA time zone name such as Europe/Paris, or UTC");
        }

        var change = await grains.GetGrain<IAccountSettingsGrain>(account).SetTimeZoneAsync(zone);
        counters.ForgetTimeZone(account);
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

    /// <summary>The body, or null when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxBodyBytes ? null : buffer[..length];
    }

    private static IResult? CheckAccount(string account) =>
        EventValidator.IsValidName(account) && account != SeriesKey.AllAccounts
            ? null
            : Problems.Problems.Invalid("account", $"must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', and not '{SeriesKey.AllAccounts}' (always UTC)");
}
