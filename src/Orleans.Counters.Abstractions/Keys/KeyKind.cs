namespace Orleans.Counters.Keys;

/// <summary>What an account's key may do.</summary>
public enum KeyKind
{
    /// <summary>Send the account's events, nothing else: safe to put in a web page.</summary>
    Ingest,

    /// <summary>Read the account's counts and settings.</summary>
    Read,
}
