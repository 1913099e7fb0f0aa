namespace Orleans.Counters.Ship.Import;

/// <summary>How an import run ended.</summary>
/// <param name="Totals">The totals, of the earlier runs of the state file too.</param>
/// <param name="RefusedLines">The lines this run refused, in order.</param>
/// <param name="ExitCode">0 every line counted, 1 some refused (or stopped by a signal), 2 a bad file or state file, 3 the key refused, 4 a gateway that cannot import.</param>
/// <param name="Stopped">Why the run stopped before the end of the file; null when it got there.</param>
public sealed record ImportResult(ImportTotals Totals, IReadOnlyList<RefusedLine> RefusedLines, int ExitCode, string? Stopped);
