namespace Orleans.Counters.Ship.Tests;

/// <summary>
/// counters-ship as a child process (<c>dotnet Orleans.Counters.Ship.dll …</c>), its standard input
/// ours to write, without the salt and key variables of whoever runs the tests.
/// </summary>
internal static class ShipProcess
{
    /// <summary>Starts the tool with the given arguments.</summary>
    public static ProcessHost Start(params string[] arguments) => Start(arguments, new Dictionary<string, string>());

    /// <summary>Starts the tool with the given arguments and environment variables.</summary>
    public static ProcessHost Start(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string?>
        {
            [Cli.ShipCommand.SaltVariable] = null,
            [Cli.ShipCommand.KeyVariable] = null,
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return ProcessHost.Start(new ProcessHostOptions
        {
            FileName = DotnetHost.Path,
            Arguments = [DotnetHost.ShipDll, .. arguments],
            Name = "counters-ship",
            WorkingDirectory = Environment.CurrentDirectory,
            Environment = variables,
            RedirectInput = true,
        });
    }
}
