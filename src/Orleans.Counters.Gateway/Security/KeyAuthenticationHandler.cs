using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Counters.Gateway.Website;

namespace Orleans.Counters.Gateway.Security;

/// <summary>
/// Reads the key a request carries (<c>Authorization: Bearer</c>, <c>Basic</c> with the key as the
/// password, or <c>?key=</c>) and answers 401 and 403 as problem+json. Open mode does not run it.
/// A request without a key from a web page of an origin its <c>?account=</c> allows is admitted on
/// endpoints that take page events, as that account's page (<see cref="KeyHolder.PageOf"/>).
/// </summary>
public sealed class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    AccountOrigins origins,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The query parameter a key may come in, for clients that cannot set headers (a page's <c>sendBeacon</c>).</summary>
    public const string QueryParameter = "key";

    // Far more than any key with a user name needs; bounds the stack the decoding takes.
    private const int MaxBasicLength = 1024;

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return await PageAsync() is { } account ? Success(KeyHolder.PageOf(account)) : AuthenticateResult.NoResult();
        }

        var outcome = await verifier.VerifyAsync(presented, Context.RequestAborted);
        return outcome.Holder is null ? AuthenticateResult.Fail(outcome.Refusal!) : Success(outcome.Holder);
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        // Basic too, so a browser opening the Orleans dashboard asks for the key as a password.
        Response.Headers.WWWAuthenticate = "Bearer realm=\"Orleans.Counters\", Basic realm=\"Orleans.Counters\"";
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "A key is required",
            result.Failure?.Message ?? "Send a key: Authorization: Bearer <key>.");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(
            StatusCodes.Status403Forbidden,
            "The key does not allow this",
            "An ingest key sends its account's events, a read key reads its account's counts, an import key imports its account's history; listing and creating accounts, keys, "
                + $"setting time zones and reading '{SeriesKey.AllAccounts}' take the admin key.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    // A page cannot keep a secret, so its origin stands for the key, as with Plausible's domains. Anything
    // but a browser can forge an Origin header: it then counts events for that account as a page could,
    // no more, within the rate limit of its address.
    private async ValueTask<string?> PageAsync()
    {
        if (!PageEvents.AreTakenBy(Context) || PageAccount.Of(Request, out _) is not { } account || PageAccount.Origin(Request) is not { } origin)
        {
            return null;
        }

        return await origins.AllowsAsync(account, origin) ? account : null;
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal holder) =>
        AuthenticateResult.Success(new AuthenticationTicket(holder, Scheme.Name));

    private static string? PresentedKey(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Parameter is { } parameter)
        {
            if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return parameter;
            }

            if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && BasicPassword(parameter) is { } password)
            {
                return password;
            }
        }

        return request.Query.TryGetValue(QueryParameter, out var key) && !string.IsNullOrEmpty(key) ? key.ToString() : null;
    }

    private static string? BasicPassword(string parameter)
    {
        if (parameter.Length > MaxBasicLength)
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, decoded, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(decoded[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : text[(colon + 1)..];
    }
}
