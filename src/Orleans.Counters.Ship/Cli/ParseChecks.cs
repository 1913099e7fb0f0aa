using System.CommandLine.Parsing;

namespace Orleans.Counters.Ship.Cli;

/// <summary>The two ways the commands' validators and parsers report a bad value.</summary>
internal static class ParseChecks
{
    /// <summary>Adds <paramref name="error"/> to <paramref name="result"/> unless <paramref name="valid"/>.</summary>
    public static void Check(SymbolResult result, bool valid, string error)
    {
        if (!valid)
        {
            result.AddError(error);
        }
    }

    /// <summary>Adds <paramref name="error"/> to an argument being parsed, and parses it to nothing.</summary>
    public static T? Fail<T>(ArgumentResult result, string error)
    {
        result.AddError(error);
        return default;
    }
}
