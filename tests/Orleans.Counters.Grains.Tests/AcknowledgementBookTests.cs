using Orleans.Counters.Grains.Ingest;

namespace Orleans.Counters.Grains.Tests;

public sealed class AcknowledgementBookTests
{
    private static readonly CounterGroup Eight = new("a", Period.Hour(2025, 1, 1, 8), 0);
    private static readonly CounterGroup Nine = new("a", Period.Hour(2025, 1, 1, 9), 0);

    [Fact]
    public void AMessageIsPersistedOnlyOnceEveryHourItTouchedHasPersistedIt()
    {
        var book = new AcknowledgementBook();
        book.Add(Position(1), [(Eight, First), (Nine, First)]);
        book.Add(Position(2), [(Nine, First)]);
        var hours = book.HoursToAsk().ToDictionary(h => h.Hour);
        Assert.Equal(2, hours.Count);

        book.Record(hours[Eight], new PersistedPosition(First, Position(1)));
        book.Record(hours[Nine], new PersistedPosition(First, null));
        Assert.Empty(book.Persisted());

        book.Record(hours[Nine], new PersistedPosition(First, Position(1)));
        Assert.Equal([Position(1)], book.Persisted().Select(p => p.Position));

        book.Remove(book.Persisted());
        Assert.Equal(1, book.Count);
        book.Record(hours[Nine], new PersistedPosition(First, Position(2)));
        Assert.Equal([Position(2)], book.Persisted().Select(p => p.Position));
    }

    [Fact]
    public void AnHourIsAskedUntilItHasPersistedTheLatestMessageThatTouchedIt()
    {
        var book = new AcknowledgementBook();
        book.Add(Position(1), [(Eight, First)]);
        var eight = Assert.Single(book.HoursToAsk());

        // Touched again while its answer for the first message was on its way.
        book.Add(Position(2), [(Eight, First)]);
        book.Record(eight, new PersistedPosition(First, Position(1)));
        Assert.Same(eight, Assert.Single(book.HoursToAsk()));

        book.Record(eight, new PersistedPosition(First, Position(2)));
        Assert.Empty(book.HoursToAsk());
        Assert.Equal(2, book.Persisted().Count);

        book.Add(Position(3), [(Eight, First)]);
        Assert.Single(book.HoursToAsk());
    }

    [Fact]
    public void AnotherActivationAnsweringWithoutTheLatestMessageMeansItsMessagesMustBeAppliedAgain()
    {
        var book = new AcknowledgementBook();
        book.Add(Position(1), [(Eight, First)]);
        book.Add(Position(2), [(Eight, First)]);
        var eight = Assert.Single(book.HoursToAsk());

        // The first activation had persisted message 1 only; a new one answers.
        Assert.True(book.Record(eight, new PersistedPosition(Second, Position(1))));
        Assert.Equal([Position(1)], book.Persisted().Select(p => p.Position));
        Assert.Equal(First, book.IncarnationOf(Eight));

        // Once a new activation holds them all, it is no loss.
        Assert.False(book.Record(eight, new PersistedPosition(Second, Position(2))));
        Assert.Null(book.IncarnationOf(Eight));

        // The same activation short of the latest has not persisted it yet: nothing lost.
        book.Add(Position(3), [(Nine, First)]);
        Assert.False(book.Record(Assert.Single(book.HoursToAsk()), new PersistedPosition(First, Position(2))));
    }

    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    private static StreamPosition Position(long sequence) => new(sequence, 0);
}
