namespace Orleans.Counters.Deploy.Tests;

/// <summary>
/// Sets process environment variables for one test and restores them after. Tests using it share a
/// collection, so none runs while another has changed the environment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment : IDisposable
{
    /// <summary>The collection of tests that change the process environment.</summary>
    public const string Name = "Process environment";

    private readonly (string Name, string? Value)[] _previous;

    private ProcessEnvironment((string Name, string? Value)[] previous) => _previous = previous;

    /// <summary>Sets the variables; disposing restores them.</summary>
    public static ProcessEnvironment Set(params (string Name, string? Value)[] variables)
    {
        var previous = variables.Select(variable => (variable.Name, Environment.GetEnvironmentVariable(variable.Name))).ToArray();
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        return new ProcessEnvironment(previous);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
