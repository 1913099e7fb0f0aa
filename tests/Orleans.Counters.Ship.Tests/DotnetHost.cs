namespace Orleans.Counters.Ship.Tests;

/// <summary>The <c>dotnet</c> executable running these tests, by absolute path: Apache starts piped loggers without searching PATH.</summary>
internal static class DotnetHost
{
    /// <summary>The path of the dotnet host.</summary>
    public static string Path { get; } = Find();

    /// <summary>The shipper's built dll.</summary>
    public static string ShipDll { get; } = RepositoryPaths.ProgramDll("Orleans.Counters.Ship");

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } process && System.IO.Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator)
            .Select(dir => System.IO.Path.Combine(dir, "dotnet"))
            .FirstOrDefault(File.Exists) ?? "dotnet";
    }
}
