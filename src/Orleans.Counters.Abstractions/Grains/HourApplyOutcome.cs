namespace Orleans.Counters.Grains;

/// <summary>What an hour did with a <see cref="GroupIncrement"/>.</summary>
public enum HourApplyOutcome
{
    /// <summary>Added to the hour's counts.</summary>
    Applied,

    /// <summary>Ignored: the hour holds this position of the source, or a later one.</summary>
    Replay,

    /// <summary>
    /// Refused: the sender named an earlier activation of the hour, whose unpersisted messages this one
    /// does not hold. The sender re-applies its messages after <see cref="HourApplyResult.Last"/> first;
    /// applying this one before them would make the hour drop them as replays.
    /// </summary>
    Reincarnated,
}
