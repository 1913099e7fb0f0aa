namespace Orleans.Counters.Postgres.Tests;

/// <summary>What a receiver renews and remembers: the book stays bounded on a long-running silo.</summary>
public sealed class ReceiverLeasesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void OnlyUndeliveredRowsAreRenewedAndDeliveredOnesAreForgottenALeaseLater()
    {
        var leases = new ReceiverLeases(Timeout);
        leases.HandedOut([1, 2, 3]);
        leases.Delivered([1, 2], Now);

        Assert.Equal([3L], leases.Undelivered(Now));
        Assert.Equal([1L, 2, 3], leases.Known(Now).Order());

        // The renewal loop alone keeps the book bounded: a later Known still sees only row 3.
        Assert.Equal([3L], leases.Undelivered(Now + Timeout));
        Assert.Equal([3L], leases.Known(Now));
    }

    [Fact]
    public void ARenewalForgetsTheRowsNoLongerHeld()
    {
        var leases = new ReceiverLeases(Timeout);
        leases.HandedOut([1, 2, 3]);

        leases.Renewed([1, 2, 3], [2]);

        Assert.Equal([2L], leases.Undelivered(Now));
        Assert.Equal([2L], leases.Known(Now));
    }

    [Fact]
    public void ARowHandedOutAsSeveralMessagesIsRenewedUntilTheCacheLetsGoOfTheLastOfThem()
    {
        var leases = new ReceiverLeases(Timeout);
        // Row 1 holds three streams' messages, row 2 one.
        leases.HandedOut([1, 1, 1, 2]);

        leases.Delivered([1, 2], Now);
        Assert.Equal([1L], leases.Undelivered(Now));
        leases.Delivered([1], Now);
        Assert.Equal([1L], leases.Undelivered(Now));
        leases.Delivered([1], Now);
        Assert.Empty(leases.Undelivered(Now));

        // Leased again later (its lease ran out): counted afresh.
        leases.HandedOut([1, 1]);
        leases.Delivered([1], Now);
        Assert.Equal([1L], leases.Undelivered(Now));
    }
}
