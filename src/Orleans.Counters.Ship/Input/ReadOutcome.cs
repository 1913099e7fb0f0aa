namespace Orleans.Counters.Ship.Input;

/// <summary>What reading a followed file to its end found.</summary>
public enum ReadOutcome
{
    /// <summary>Nothing new.</summary>
    Nothing,

    /// <summary>New lines, handed on.</summary>
    Lines,

    /// <summary>
    /// The file had been emptied and written again: what was read at the old offset was not handed
    /// on, and reading starts over from the beginning.
    /// </summary>
    Truncated,
}
