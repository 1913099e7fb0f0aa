namespace Orleans.Counters.Testing;

/// <summary>How <see cref="ProcessHost"/> starts a process.</summary>
public sealed class ProcessHostOptions
{
    /// <summary>The program: <c>dotnet</c>, a path, or a name looked up on PATH.</summary>
    public required string FileName { get; init; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>What messages call the process, such as <c>silo 2</c>; the file name when not set.</summary>
    public string? Name { get; init; }

    /// <summary>Its working directory; the repository root when not set, so that relative paths such as <c>silo-config/…</c> resolve.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables to set; a null value removes one the process would inherit.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>True to write to the process's standard input (UTF-8, no byte order mark).</summary>
    public bool RedirectInput { get; init; }

    /// <summary>
    /// How many of its last lines to keep; all when not set. A long run (the bench's) keeps only a
    /// tail, for error messages, so that a chatty server does not grow memory for nothing.
    /// </summary>
    public int? KeptLines { get; init; }

    /// <summary>A file every line is also appended to, the whole output whatever <see cref="KeptLines"/> keeps: for a long run whose failure needs the full log.</summary>
    public string? LogFile { get; init; }
}
