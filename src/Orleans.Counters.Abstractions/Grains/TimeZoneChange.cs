namespace Orleans.Counters.Grains;

/// <summary>What became of a request to set an account's time zone.</summary>
public enum TimeZoneChange
{
    /// <summary>The zone is set.</summary>
    Set,

    /// <summary>The account had that zone already.</summary>
    Unchanged,

    /// <summary>Refused: the account has counted events in its present zone.</summary>
    RefusedAccountHasCounts,
}
