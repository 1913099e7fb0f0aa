namespace Orleans.Counters.Hosting;

/// <summary>
/// Lets a host read a settings file named by <c>--config FILE</c> (such as those in
/// <c>silo-config/</c>), with environment variables and the command line still taking precedence.
/// </summary>
public static class ConfigFile
{
    /// <summary>The key naming the file.</summary>
    public const string Key = "config";

    /// <summary>Adds the file named by <c>--config</c>, if any, beneath the environment and the command line.</summary>
    public static void AddCountersConfigFile(this IConfigurationManager configuration, string[] args)
    {
        if (configuration[Key] is not { Length: > 0 } file)
        {
            return;
        }

        configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
