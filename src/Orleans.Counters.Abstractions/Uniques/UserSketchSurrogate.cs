namespace Orleans.Counters.Uniques;

/// <summary>What Orleans writes for a <see cref="UserSketch"/>: its <see cref="UserSketch.ToBytes"/>.</summary>
/// <param name="Bytes">The sketch's bytes.</param>
[GenerateSerializer, Immutable, Alias("counters.user-sketch")]
public readonly record struct UserSketchSurrogate([property: Id(0)] byte[] Bytes);
