namespace Orleans.Counters.Keys;

/// <summary>What an account's key may do.</summary>
public enum KeyKind
{
    /// <summary>Send the account's events, nothing else: safe to put in a web page.</summary>
    Ingest,

    /// <summary>Read the account's counts and settings.</summary>
    Read,

    /// <summary>
    /// Load the account's history through <c>POST /api/import</c>: events of any past date, each with an id.
    /// Kept apart from <see cref="Ingest"/> because an ingest key sits in web pages, and a page must not
    /// be able to write years of history.
    /// </summary>
    Import,
}
