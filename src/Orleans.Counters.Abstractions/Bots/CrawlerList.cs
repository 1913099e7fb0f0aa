using System.Text.RegularExpressions;

namespace Orleans.Counters.Bots;

/// <summary>
/// Tells crawlers, monitors and scripts from people by their user agent, with the patterns of a
/// list such as <c>silo-config/crawlers.txt</c>: one case-insensitive .NET regular expression per
/// line, matched anywhere in the user agent; <c>#</c> starts a comment line; a line starting with
/// <c>!</c> is an exception, a user agent it matches is never a bot. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// All patterns are joined into one regex, so a user agent is scanned once however long the list.
/// The non-backtracking engine keeps that scan linear in the user agent's length: user agents come
/// from clients, and a backtracking pattern edited into the file must not let one stall ingestion.
/// The verdicts of recent user agents are remembered, since traffic repeats them.
/// </remarks>
public sealed class CrawlerList
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private readonly Regex? _bots;
    private readonly Regex? _exceptions;
    private readonly VerdictCache _verdicts = new();
    private readonly Func<string, bool> _decide;

    private CrawlerList(List<string> bots, List<string> exceptions)
    {
        _bots = Combine(bots);
        _exceptions = Combine(exceptions);
        _decide = Decide;
        PatternCount = bots.Count;
        ExceptionCount = exceptions.Count;
    }

    /// <summary>A list that takes no user agent for a bot.</summary>
    public static CrawlerList Empty { get; } = new([], []);

    /// <summary>The number of bot patterns.</summary>
    public int PatternCount { get; }

    /// <summary>The number of exception (<c>!</c>) patterns.</summary>
    public int ExceptionCount { get; }

    /// <summary>True when <paramref name="userAgent"/> matches a bot pattern and no exception; false for null or empty.</summary>
    public bool IsBot(string? userAgent) =>
        !string.IsNullOrEmpty(userAgent) && _bots is not null && _verdicts.Get(userAgent, _decide);

    /// <summary>Reads the list in <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">A line is not a usable pattern; the message names the file and the line.</exception>
    public static CrawlerList Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads a list from its text.</summary>
    /// <param name="text">The list, in the format described on <see cref="CrawlerList"/>.</param>
    /// <param name="source">What the text came from, for error messages.</param>
    /// <exception cref="FormatException">A line is not a usable pattern; the message names the source and the line.</exception>
    public static CrawlerList Parse(string text, string source = "crawler list")
    {
        ArgumentNullException.ThrowIfNull(text);
        var bots = new List<string>();
        var exceptions = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var isException = line[0] == '!';
            var pattern = isException ? line[1..].TrimStart() : line;
            Check(pattern, $"{source}, line {i + 1}");
            (isException ? exceptions : bots).Add(pattern);
        }

        return new CrawlerList(bots, exceptions);
    }

    private static void Check(string pattern, string where)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, Options);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FormatException($"{where}: \"{pattern}\" is not a usable pattern: {e.Message}", e);
        }

        if (regex.IsMatch(string.Empty))
        {
            throw new FormatException($"{where}: \"{pattern}\" matches an empty string, so it would take every user agent for a bot.");
        }
    }

    private bool Decide(string userAgent) => _bots!.IsMatch(userAgent) && _exceptions?.IsMatch(userAgent) != true;

    private static Regex? Combine(List<string> patterns) =>
        patterns.Count == 0 ? null : new Regex(string.Join('|', patterns.Select(p => $"(?:{p})")), Options);
}
