using System.Text.RegularExpressions;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>What a <c>src/*/Dockerfile</c> says: its <c>EXPOSE</c>, <c>ENV</c> and <c>COPY</c> instructions.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string project, IReadOnlySet<int> exposed, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> copied)
    {
        Project = project;
        Exposed = exposed;
        Environment = environment;
        Copied = copied;
    }

    /// <summary>The project the image builds, e.g. <c>Orleans.Counters.Silo</c>.</summary>
    public string Project { get; }

    /// <summary>The sources of its <c>COPY</c> instructions (build stage), as written.</summary>
    public IReadOnlyList<string> Copied { get; }

    /// <summary>The silo's.</summary>
    public static Dockerfile Silo { get; } = Read("Orleans.Counters.Silo");

    /// <summary>The gateway's.</summary>
    public static Dockerfile Gateway { get; } = Read("Orleans.Counters.Gateway");

    /// <summary>The ports of its <c>EXPOSE</c> instructions.</summary>
    public IReadOnlySet<int> Exposed { get; }

    /// <summary>The variables of its <c>ENV</c> instructions.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The port of <c>ASPNETCORE_URLS</c>.</summary>
    public int UrlsPort => new Uri(Environment["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;

    private static Dockerfile Read(string project)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", project, "Dockerfile"));
        // Continuation lines joined; comments dropped.
        var instructions = Continuation().Replace(text, " ").Split('\n').Where(line => !line.TrimStart().StartsWith('#'));
        var exposed = new HashSet<int>();
        var environment = new Dictionary<string, string>();
        var copied = new List<string>();
        foreach (var line in instructions.Select(line => line.Trim()))
        {
            if (line.StartsWith("EXPOSE ", StringComparison.Ordinal))
            {
                exposed.UnionWith(line["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(port => int.Parse(port.Split('/')[0])));
            }
            else if (line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal))
            {
                var parts = line["COPY ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                copied.AddRange(parts[..^1]);
            }
            else if (line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                foreach (var pair in line["ENV ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var (name, value) = pair.IndexOf('=') is var at and >= 0 ? (pair[..at], pair[(at + 1)..]) : (pair, "");
                    environment[name] = value;
                }
            }
        }

        return new Dockerfile(project, exposed, environment, copied);
    }

    [GeneratedRegex(@"\\\r?\n(\s*#[^\n]*\n)*")]
    private static partial Regex Continuation();
}
