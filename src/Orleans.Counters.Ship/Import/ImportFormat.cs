namespace Orleans.Counters.Ship.Import;

/// <summary>How an import file holds its events.</summary>
public enum ImportFormat
{
    /// <summary>One JSON event object per line, as <c>POST /api/events</c> takes them.</summary>
    Ndjson,

    /// <summary>A header row naming the event fields, then one event per row.</summary>
    Csv,
}
