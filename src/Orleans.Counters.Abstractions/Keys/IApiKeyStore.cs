namespace Orleans.Counters.Keys;

/// <summary>Where keys are kept: PostgreSQL with PostgreSQL storage, this process's memory otherwise.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key.</summary>
    Task AddAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>The key with this id, revoked or not; null when there is none.</summary>
    Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>An account's keys, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(string account, CancellationToken cancellationToken);

    /// <summary>Revokes one of an account's keys; false when the account has no key with this id.</summary>
    Task<bool> RevokeAsync(string account, string id, DateTimeOffset at, CancellationToken cancellationToken);
}
