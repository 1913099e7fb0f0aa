namespace Orleans.Counters.Ship.Import;

/// <summary>The summary an import prints when it ends: totals, then each refused line with its number.</summary>
public static class ImportReport
{
    /// <summary>The most refused lines listed; the rest are counted.</summary>
    public const int MaxListed = 100;

    /// <summary>Writes the summary of <paramref name="result"/>.</summary>
    public static void Write(TextWriter output, string file, ImportResult result)
    {
        var totals = result.Totals;
        output.WriteLine($"counters-ship import {file}");
        output.WriteLine($"  lines read     {totals.Lines}");
        output.WriteLine($"  events sent    {totals.Sent} (new {totals.New}, repeats {totals.Repeats})");
        output.WriteLine($"  lines refused  {totals.Refused}");
        foreach (var line in result.RefusedLines.Take(MaxListed))
        {
            output.WriteLine($"  line {line.Number}: {line.Problem}");
        }

        if (result.RefusedLines.Count > MaxListed)
        {
            output.WriteLine($"  … and {result.RefusedLines.Count - MaxListed} more refused lines");
        }

        if (result.Stopped is { } reason)
        {
            output.WriteLine($"  stopped: {reason}");
        }
    }
}
