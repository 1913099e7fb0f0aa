namespace Orleans.Counters.Configuration;

/// <summary>An options type and the section it is bound to: one entry of a process's configuration registry.</summary>
/// <param name="Path">The section, such as <c>Counters:Queue</c>.</param>
/// <param name="Type">The type bound to it; its public settable properties are the section's keys.</param>
public sealed record CountersOptionsSection(string Path, Type Type)
{
    /// <summary>The entry of <typeparamref name="TOptions"/>, under its own section.</summary>
    public static CountersOptionsSection Of<TOptions>()
        where TOptions : class, ICountersOptions<TOptions>, new() => new(TOptions.Section, typeof(TOptions));
}
