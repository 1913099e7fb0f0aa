using System.Collections.Concurrent;

namespace Orleans.Counters.Gateway.Website;

/// <summary>
/// The origins each account allows, read from its settings grain and remembered for
/// <see cref="Memory"/>: preflights and page events ask on every request, and a grain call each time
/// would double their cost. A change made through this gateway is seen here at once, through
/// another gateway within <see cref="Memory"/>.
/// </summary>
public sealed class AccountOrigins(IGrainFactory grains)
{
    /// <summary>How long an account's origins are trusted once read.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(10);

    // Anyone may name an account in a preflight: past this many, what is remembered starts afresh
    // rather than growing without bound.
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (ImmutableArray<string> Origins, long Until)> _known = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="account"/> lists <paramref name="origin"/> (as a browser sends it) among its allowed origins.</summary>
    public async ValueTask<bool> AllowsAsync(string account, string origin)
    {
        var origins = await OfAsync(account);
        // Browsers send scheme and host in lower case; a hand-made header may not.
        return origins.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The account's allowed origins.</summary>
    public async ValueTask<ImmutableArray<string>> OfAsync(string account)
    {
        var now = Environment.TickCount64;
        if (_known.TryGetValue(account, out var known) && known.Until > now)
        {
            return known.Origins;
        }

        var origins = await grains.GetGrain<IAccountSettingsGrain>(account).GetAllowedOriginsAsync();
        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }

        _known[account] = (origins, now + (long)Memory.TotalMilliseconds);
        return origins;
    }

    /// <summary>Forgets what was read of an account, after its origins were set through this gateway.</summary>
    public void Forget(string account) => _known.TryRemove(account, out _);
}
