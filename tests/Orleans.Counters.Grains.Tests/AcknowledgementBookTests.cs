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
        book.Add(Position(1), [Eight, Nine]);
        book.Add(Position(2), [Nine]);
        var hours = book.HoursToAsk().ToDictionary(h => h.Hour);
        Assert.Equal(2, hours.Count);

        book.Record(hours[Eight], Position(1));
        book.Record(hours[Nine], null);
        Assert.Empty(book.Persisted());

        book.Record(hours[Nine], Position(1));
        Assert.Equal([Position(1)], book.Persisted().Select(p => p.Position));

        book.Remove(book.Persisted());
        Assert.Equal(1, book.Count);
        book.Record(hours[Nine], Position(2));
        Assert.Equal([Position(2)], book.Persisted().Select(p => p.Position));
    }

    [Fact]
    public void AnHourIsAskedUntilItHasPersistedTheLatestMessageThatTouchedIt()
    {
        var book = new AcknowledgementBook();
        book.Add(Position(1), [Eight]);
        var eight = Assert.Single(book.HoursToAsk());

        // Touched again while its answer for the first message was on its way.
        book.Add(Position(2), [Eight]);
        book.Record(eight, Position(1));
        Assert.Same(eight, Assert.Single(book.HoursToAsk()));

        book.Record(eight, Position(2));
        Assert.Empty(book.HoursToAsk());
        Assert.Equal(2, book.Persisted().Count);

        book.Add(Position(3), [Eight]);
        Assert.Single(book.HoursToAsk());
    }

    private static StreamPosition Position(long sequence) => new(sequence, 0);
}
