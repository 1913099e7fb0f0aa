namespace Orleans.Counters.Grains;

/// <summary>
/// What a top list ranks an event type's events by: the page (<see cref="Url"/>), the site the user came
/// from (<see cref="Referrer"/>), or the values of one property (<see cref="OfProperty"/>).
/// </summary>
/// <param name="Name">The name in the API: <c>url</c>, <c>referrer</c> or <c>prop:NAME</c>.</param>
[GenerateSerializer, Immutable, Alias("counters.top-dimension")]
public readonly record struct TopDimension([property: Id(0)] string Name)
{
    /// <summary>The prefix of a property's dimension, as <c>top?by=prop:NAME</c> names it.</summary>
    public const string PropertyPrefix = "prop:";

    /// <summary>The page the event happened on.</summary>
    public static TopDimension Url { get; } = new("url");

    /// <summary>The site the user came from (<see cref="Series.ReferrerSource"/>).</summary>
    public static TopDimension Referrer { get; } = new("referrer");

    /// <summary>The values of the property <paramref name="name"/>.</summary>
    public static TopDimension OfProperty(string name) => new(PropertyPrefix + name);

    /// <summary>The property ranked; null for URLs and referrers.</summary>
    public string? Property => Name.StartsWith(PropertyPrefix, StringComparison.Ordinal) ? Name[PropertyPrefix.Length..] : null;

    /// <inheritdoc />
    public override string ToString() => Name;
}
