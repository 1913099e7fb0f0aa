namespace Orleans.Counters.Grains;

/// <summary>Where a stream message sits in its queue; later messages compare greater.</summary>
[GenerateSerializer, Immutable, Alias("counters.stream-position")]
public readonly record struct StreamPosition([property: Id(0)] long Sequence, [property: Id(1)] int Index) : IComparable<StreamPosition>
{
    /// <inheritdoc />
    public int CompareTo(StreamPosition other) =>
        Sequence != other.Sequence ? Sequence.CompareTo(other.Sequence) : Index.CompareTo(other.Index);

    /// <summary>True when <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(StreamPosition left, StreamPosition right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(StreamPosition left, StreamPosition right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> does not come before <paramref name="right"/>.</summary>
    public static bool operator >=(StreamPosition left, StreamPosition right) => left.CompareTo(right) >= 0;

    /// <summary>True when <paramref name="left"/> does not come after <paramref name="right"/>.</summary>
    public static bool operator <=(StreamPosition left, StreamPosition right) => left.CompareTo(right) <= 0;
}
