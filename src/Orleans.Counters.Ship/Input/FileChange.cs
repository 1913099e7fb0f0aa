namespace Orleans.Counters.Ship.Input;

/// <summary>What a followed file's path shows once its end has been read.</summary>
public enum FileChange
{
    /// <summary>The same file, with nothing new yet.</summary>
    None,

    /// <summary>The file was cut shorter (or emptied and rewritten): read it again from the start.</summary>
    Truncated,

    /// <summary>The path now names another file (rotation: renamed or deleted, then created anew).</summary>
    Replaced,

    /// <summary>Nothing is at the path (renamed or deleted, not yet created anew): keep reading the open file.</summary>
    Missing,
}
