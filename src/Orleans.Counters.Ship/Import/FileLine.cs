namespace Orleans.Counters.Ship.Import;

/// <summary>One line of the import file.</summary>
/// <param name="Number">Its line number, from 1.</param>
/// <param name="End">The byte offset just past it (and its line break): where reading goes on.</param>
/// <param name="Text">The line, without its line break.</param>
public sealed record FileLine(long Number, long End, string Text);
