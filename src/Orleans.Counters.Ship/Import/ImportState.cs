using System.Text.Json;

namespace Orleans.Counters.Ship.Import;

/// <summary>
/// How far an import got, kept in the <c>--state</c> file: the byte offset and line number after the last
/// batch the gateway acknowledged, and the totals so far. Written atomically (a temporary file beside it,
/// flushed, renamed over it) after each acknowledged batch, so after a crash it names an acknowledged
/// point, never half of one; the lines after it are sent again, with the same ids.
/// </summary>
/// <param name="File">The imported file, by full path: a state of another file is not taken up.</param>
/// <param name="Offset">The byte offset to go on from.</param>
/// <param name="Line">The number of the last line before <paramref name="Offset"/>.</param>
/// <param name="Totals">What the runs so far did.</param>
public sealed record ImportState(string File, long Offset, long Line, ImportTotals Totals)
{
    /// <summary>The state kept in <paramref name="path"/>; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file holds no state of this tool, or one of another file.</exception>
    public static ImportState? Load(string path, string file)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        ImportState? state;
        try
        {
            state = JsonSerializer.Deserialize<ImportState>(System.IO.File.ReadAllBytes(path), ImportJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a state file of counters-ship import ({e.Message})", e);
        }

        if (state is null || state.Offset < 0 || state.Line < 0 || state.Totals is null)
        {
            throw new InvalidDataException($"{path} is not a state file of counters-ship import");
        }

        if (state.File != file)
        {
            throw new InvalidDataException($"{path} holds the state of importing {state.File}, not {file}: give each file a state file of its own");
        }

        return state;
    }

    /// <summary>Saves this state in place of the last one.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, this, ImportJson.Options);
            stream.Flush(flushToDisk: true);
        }

        System.IO.File.Move(temporary, path, overwrite: true);
    }
}
