namespace Orleans.Counters.Ship.Input;

/// <summary>A line of the input, with the id its event gets and, for a followed file, the position just past it.</summary>
/// <param name="Text">The line, without its line break.</param>
/// <param name="Id">The event id: the same line gets the same id in every attempt to send it (see <see cref="LineIds"/>).</param>
/// <param name="Checkpoint">Where reading goes on once this line is delivered; null for standard input.</param>
public readonly record struct SourceLine(string Text, string Id, FilePosition? Checkpoint = null);
