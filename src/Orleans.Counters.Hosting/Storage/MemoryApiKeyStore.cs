using System.Collections.Concurrent;
using Orleans.Counters.Keys;

namespace Orleans.Counters.Hosting.Storage;

/// <summary>Keys in this process's memory, for the memory storage mode: gone when it stops.</summary>
public sealed class MemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        if (!_keys.TryAdd(key.Id, key))
        {
            throw new InvalidOperationException($"A key with id {key.Id} exists already.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.GetValueOrDefault(id));

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListAsync(string account, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiKey>>([.. _keys.Values.Where(key => key.Account == account).OrderBy(key => key.CreatedAt).ThenBy(key => key.Id, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task<bool> RevokeAsync(string account, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (_keys.TryGetValue(id, out var key) && key.Account == account)
        {
            if (key.IsRevoked || _keys.TryUpdate(id, key with { RevokedAt = at }, key))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }
}
