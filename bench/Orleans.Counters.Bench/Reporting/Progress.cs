namespace Orleans.Counters.Bench.Reporting;

/// <summary>Progress lines on the console, each stamped with the seconds since the bench started.</summary>
public static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>Writes a progress line to standard output.</summary>
    public static void Info(string message) => Console.WriteLine(Line(message));

    /// <summary>Writes a failure to standard error.</summary>
    public static void Error(string message) => Console.Error.WriteLine(Line(message));

    private static string Line(string message) => string.Create(CultureInfo.InvariantCulture, $"bench [{Clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}
