namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// While it lives, a running PostgreSQL server (its postmaster and every backend, present and future) runs on
/// <see cref="CorePlacement.PostgresCores"/> and this bench process, the load generator, on
/// <see cref="CorePlacement.OtherCores"/>; start our hosts on the latter too. Disposal gives both every core back.
/// </summary>
public sealed class PinnedApart : IAsyncDisposable
{
    private readonly CorePlacement _placement;
    private readonly int _postmaster;

    private PinnedApart(CorePlacement placement, int postmaster)
    {
        _placement = placement;
        _postmaster = postmaster;
    }

    /// <summary>Pins the server of <paramref name="postgres"/> and this process apart.</summary>
    public static async Task<PinnedApart> StartAsync(CorePlacement placement, BenchPostgres postgres, CancellationToken cancellationToken)
    {
        var postmaster = await postgres.PostmasterProcessIdAsync(cancellationToken);
        var pinned = new PinnedApart(placement, postmaster);
        try
        {
            await TaskSet.PinAsync(postmaster, placement.PostgresCores, withChildren: true, cancellationToken);
            await TaskSet.PinAsync(Environment.ProcessId, placement.OtherCores, withChildren: false, cancellationToken);
            return pinned;
        }
        catch
        {
            await pinned.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await TaskSet.PinAsync(Environment.ProcessId, _placement.AllCores, withChildren: false, CancellationToken.None);
        await TaskSet.PinAsync(_postmaster, _placement.AllCores, withChildren: true, CancellationToken.None);
    }
}
