using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary>
/// The admin's API for accounts and their keys: <c>POST /api/accounts</c> creates an account with an
/// ingest and a read key; <c>/api/accounts/{account}/keys</c> lists, issues and revokes keys.
/// </summary>
public static class AccountKeyEndpoints
{
    /// <summary>Maps the endpoints, all behind the admin key.</summary>
    public static IEndpointRouteBuilder MapAccountKeyApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts")
            .WithTags("Accounts")
            .RequireAuthorization(AccountKeyRequirement.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        accounts.MapPost("/", CreateAccountAsync)
            .WithName("CreateAccount")
            .Reads<CreateAccountRequest>("application/json")
            .WithSummary("Creates an account {account}: answers its ingest key and read key, shown this once.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        accounts.MapGet("/{account}/keys", ListAsync)
            .WithName("ListKeys")
            .WithSummary("An account's keys, without their secrets.");
        accounts.MapPost("/{account}/keys", IssueAsync)
            .WithName("IssueKey")
            .Reads<IssueKeyRequest>("application/json")
            .WithSummary("Issues another key {kind: ingest | read | import} for an account, shown this once.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        accounts.MapDelete("/{account}/keys/{id}", RevokeAsync)
            .WithName("RevokeKey")
            .WithSummary("Revokes a key: it opens nothing from then on (within Counters:Security:KeyCacheDuration on other gateways).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<CreatedAccountResponse>, ProblemHttpResult>> CreateAccountAsync(
        HttpRequest request, [AsParameters] KeyServices services, CancellationToken cancellationToken)
    {
        var (store, _, clock, grains) = services;
        var (body, problem) = await SmallJsonBody.ReadObjectAsync(request, "{\"account\": \"acme\"}", cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var account = body.Value.String("account");
        if (account is null)
        {
            return ProblemResults.Invalid("account", "is required");
        }

        if (AccountEndpoints.CheckAccount(account) is { } refused)
        {
            return refused;
        }

        if ((await store.ListAsync(account, cancellationToken)).Count > 0)
        {
            return TypedResults.Problem(
                title: "The account exists",
                statusCode: StatusCodes.Status409Conflict,
                detail: $"'{account}' has keys already: list them at /api/accounts/{account}/keys, or issue another there.");
        }

        await KnownAccounts.AddAsync(grains, account);
        var ingest = await IssueKeyAsync(store, account, KeyKind.Ingest, clock, cancellationToken);
        var read = await IssueKeyAsync(store, account, KeyKind.Read, clock, cancellationToken);
        return TypedResults.Created($"/api/accounts/{account}/keys", new CreatedAccountResponse(account, ingest, read));
    }

    private static async Task<Results<Ok<AccountKeysResponse>, ProblemHttpResult>> ListAsync(string account, IApiKeyStore store, CancellationToken cancellationToken)
    {
        if (AccountEndpoints.CheckAccount(account) is { } refused)
        {
            return refused;
        }

        var keys = await store.ListAsync(account, cancellationToken);
        return TypedResults.Ok(new AccountKeysResponse(account, [.. keys.Select(KeyResponse.Of)]));
    }

    private static async Task<Results<Created<IssuedKeyResponse>, ProblemHttpResult>> IssueAsync(
        string account, HttpRequest request, [AsParameters] KeyServices services, CancellationToken cancellationToken)
    {
        var (store, _, clock, _) = services;
        if (AccountEndpoints.CheckAccount(account) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await SmallJsonBody.ReadObjectAsync(request, "{\"kind\": \"read\"}", cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var kind = KeyHolder.KindOf(body.Value.String("kind"));
        if (kind is null)
        {
            return ProblemResults.Invalid("kind", "must be 'ingest', 'read' or 'import'");
        }

        var issued = await IssueKeyAsync(store, account, kind.Value, clock, cancellationToken);
        return TypedResults.Created($"/api/accounts/{account}/keys/{issued.Id}", issued);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string account, string id, [AsParameters] KeyServices services, CancellationToken cancellationToken)
    {
        var (store, verifier, clock, _) = services;
        if (AccountEndpoints.CheckAccount(account) is { } refused)
        {
            return refused;
        }

        // An id that no key can have is not looked up: the store need not take any text (PostgreSQL refuses U+0000).
        if (!ApiKeyToken.IsId(id) || !await store.RevokeAsync(account, id, clock.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Problem(title: "No such key", statusCode: StatusCodes.Status404NotFound, detail: $"'{account}' has no key with id '{id}'.");
        }

        verifier.Forget(id);
        return TypedResults.NoContent();
    }

    private static async Task<IssuedKeyResponse> IssueKeyAsync(IApiKeyStore store, string account, KeyKind kind, TimeProvider clock, CancellationToken cancellationToken)
    {
        var token = ApiKeyToken.New(kind);
        var createdAt = clock.GetUtcNow();
        await store.AddAsync(new ApiKey(token.Id, account, kind, token.SecretHash, createdAt, null), cancellationToken);
        return new IssuedKeyResponse(token.Id, account, KeyHolder.RoleOf(kind), token.Text, createdAt);
    }
}
