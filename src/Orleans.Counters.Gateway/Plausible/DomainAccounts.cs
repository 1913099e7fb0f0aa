using Microsoft.Extensions.Caching.Memory;

namespace Orleans.Counters.Gateway.Plausible;

/// <summary>
/// Which account each site domain belongs to, read from the domain directory and remembered for
/// <see cref="Memory"/>: Plausible's script asks on every pageview, and a grain call each time would double its
/// cost. A change made through this gateway is seen here at once, through another gateway within <see cref="Memory"/>.
/// </summary>
public sealed class DomainAccounts(IGrainFactory grains) : IDisposable
{
    /// <summary>How long a domain's account is trusted once read.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(10);

    // Anyone may name any domain: the cache holds at most this many, unknown domains included.
    private const int MaxRemembered = 10_000;

    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    /// <summary>The account the domain (normalised) belongs to; null when none.</summary>
    public async ValueTask<string?> FindAsync(string domain)
    {
        if (_known.TryGetValue(domain, out string? account))
        {
            return account;
        }

        account = await grains.GetGrain<IDomainDirectoryGrain>(SeriesKey.AllAccounts).FindAccountAsync(domain);
        _known.Set(domain, account, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Memory });
        return account;
    }

    /// <summary>Forgets what was read of domains whose account changed through this gateway.</summary>
    public void Forget(IEnumerable<string> domains)
    {
        foreach (var domain in domains)
        {
            _known.Remove(domain);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _known.Dispose();
}
