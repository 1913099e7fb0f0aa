namespace Orleans.Counters.Grains;

/// <summary>What became of a request to set an account's time zone.</summary>
public enum TimeZoneChange
{
    /// <summary>The zone is set.</summary>
    Set,

    /// <summary>The account had that zone already.</summary>
    Unchanged,

    /// <summary>New events count in the new zone; a rebuild moves the counted past into it, and reads switch when it is done.</summary>
    RebuildStarted,

    /// <summary>Refused: a rebuild into another zone is still running.</summary>
    RefusedRebuildRunning,
}
