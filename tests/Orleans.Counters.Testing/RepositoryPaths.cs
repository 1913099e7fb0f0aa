namespace Orleans.Counters.Testing;

/// <summary>Where the repository and the built hosts are, seen from the test binaries.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding Orleans.Counters.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built in (Debug or Release).</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The built dll of a program under src/ or another top folder such as samples/.</summary>
    public static string ProgramDll(string project, string folder = "src") =>
        Path.Combine(Root, folder, project, "bin", Configuration, "net10.0", project + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Counters.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.Counters.sln not found above " + AppContext.BaseDirectory);
    }
}
