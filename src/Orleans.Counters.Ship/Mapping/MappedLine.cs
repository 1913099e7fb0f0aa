namespace Orleans.Counters.Ship.Mapping;

/// <summary>What became of a parsed line: an event, a line the filters leave out, or one the gateway would refuse.</summary>
public readonly record struct MappedLine
{
    private MappedLine(AccessEvent? counted, bool ignored, string? invalid)
    {
        Event = counted;
        IsIgnored = ignored;
        InvalidReason = invalid;
    }

    /// <summary>The event to send, when the line makes one.</summary>
    public AccessEvent? Event { get; }

    /// <summary>True when the filters leave the line out (not a GET, not 2xx/3xx, not a page).</summary>
    public bool IsIgnored { get; }

    /// <summary>Why the gateway would refuse the event, when it would (for example: older than its age limit).</summary>
    public string? InvalidReason { get; }

    /// <summary>A line that makes an event.</summary>
    public static MappedLine Counted(AccessEvent counted) => new(counted, false, null);

    /// <summary>A line the filters leave out.</summary>
    public static MappedLine Ignored { get; } = new(null, true, null);

    /// <summary>A line whose event the gateway would refuse.</summary>
    public static MappedLine Invalid(string reason) => new(null, false, reason);
}
