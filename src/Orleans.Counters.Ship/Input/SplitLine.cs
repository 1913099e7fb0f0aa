namespace Orleans.Counters.Ship.Input;

/// <summary>A line cut from a byte stream, with where it lies in the stream.</summary>
/// <param name="Text">The line, without its line break.</param>
/// <param name="Start">The offset of its first byte.</param>
/// <param name="End">The offset just past it and its line break: where reading goes on after it.</param>
public readonly record struct SplitLine(string Text, long Start, long End);
