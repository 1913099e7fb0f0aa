using System.Runtime.InteropServices;

namespace Orleans.Counters.Bench.Reporting;

/// <summary>What the report says about the machine and the software the figures were measured with.</summary>
public sealed class MachineFacts
{
    private readonly List<(string Label, string Value)> _facts = [];

    /// <summary>The commit measured, with "+ uncommitted changes" when the tree differs from it.</summary>
    public string Code { get; private set; } = "unknown";

    /// <summary>Label and value, in the order added.</summary>
    public IReadOnlyList<(string Label, string Value)> All => _facts;

    /// <summary>Cores, memory, CPU, OS, .NET runtime and SDK.</summary>
    public static async Task<MachineFacts> CollectAsync(CancellationToken cancellationToken)
    {
        var facts = new MachineFacts();
        facts.Add("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        facts.Add("memory", MemoryTotal());
        facts.Add("CPU", ProcValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString());
        facts.Add("OS", $"{OsRelease()}, kernel {FirstLine("/proc/sys/kernel/osrelease") ?? "unknown"}");
        facts.Add(".NET runtime", RuntimeInformation.FrameworkDescription);
        var sdk = await CommandRunner.RunAsync("dotnet", ["--version"], cancellationToken);
        facts.Add(".NET SDK", sdk.ExitCode == 0 ? sdk.Output.Trim() : "unknown");
        facts.Code = await CodeAsync(cancellationToken);
        facts.Add("code", facts.Code);
        facts.AddLoadAverage("at start");
        return facts;
    }

    /// <summary>
    /// Adds the load average: the machine is shared, and a load well above the cores means other
    /// work competed with the bench for them.
    /// </summary>
    public void AddLoadAverage(string when) =>
        Add($"load average {when} (1, 5, 15 min)", string.Join(", ", (FirstLine("/proc/loadavg") ?? "unknown").Split(' ').Take(3)));

    /// <summary>Adds a fact, such as a server version learnt during the run.</summary>
    public void Add(string label, string value) => _facts.Add((label, value));

    private static async Task<string> CodeAsync(CancellationToken cancellationToken)
    {
        var commit = await CommandRunner.RunAsync("git", ["rev-parse", "--short", "HEAD"], cancellationToken);
        if (commit.ExitCode != 0)
        {
            return "unknown (not a git checkout)";
        }

        var changes = await CommandRunner.RunAsync("git", ["status", "--porcelain", "--untracked-files=no"], cancellationToken);
        return "commit " + commit.Output.Trim() + (changes.Output.Trim().Length > 0 ? " + uncommitted changes" : "");
    }

    private static string? FirstLine(string file) => File.Exists(file) ? File.ReadLines(file).FirstOrDefault()?.Trim() : null;

    private static string MemoryTotal()
    {
        var kib = ProcValue("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var bytes = long.TryParse(kib, CultureInfo.InvariantCulture, out var k) ? k * 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB");
    }

    private static string OsRelease() =>
        ProcValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;

    private static string? ProcValue(string file, string key, char separator = ':')
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }
}
