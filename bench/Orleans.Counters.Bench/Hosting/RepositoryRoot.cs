namespace Orleans.Counters.Bench.Hosting;

/// <summary>The repository the bench belongs to: the folder holding Orleans.Counters.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root, found above the bench binaries (or else above the working directory).</summary>
    public static string Path { get; } = Find(AppContext.BaseDirectory) ?? Find(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException("Orleans.Counters.sln not found above " + AppContext.BaseDirectory);

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Orleans.Counters.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
