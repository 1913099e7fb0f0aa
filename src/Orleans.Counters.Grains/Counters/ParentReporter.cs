namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// Reports a counter's changed series to its parent period (docs/exactly-once.md item 4): the absolute
/// totals of the series changed since the last report the parent took, under the state's version, which
/// grows with every change (<see cref="VersionClock"/>). A report that failed or was not taken is folded
/// into the next one, which carries its series too; one the parent did not take because it holds a later
/// version of this segment goes again above that version. A year has no parent: its changes count as reported.
/// </summary>
/// <param name="group">The account shard and period counted.</param>
/// <param name="state">The counter's live state (storage may replace it when the activation is fenced).</param>
/// <param name="sendToParent">Sends a report to the parent period's grain.</param>
/// <param name="clock">The clock versions are made from.</param>
/// <param name="logger">Logs reports the parent did not take.</param>
/// <param name="key">The grain's key, for the log.</param>
public sealed partial class ParentReporter(
    CounterGroup group,
    Func<CountersState> state,
    Func<CounterGroup, ChildReport, Task<ReportReceipt>> sendToParent,
    TimeProvider clock,
    ILogger logger,
    string key)
{
    private readonly HashSet<SeriesId> _unreported = [];
    private bool _stopped;

    /// <summary>True when the parent took every change (the reported version is the state's version).</summary>
    public bool IsUpToDate => state().ReportedVersion == state().Version;

    /// <summary>Records that a series changed, so that the next report carries it.</summary>
    public void Changed(SeriesId series) => _unreported.Add(series);

    /// <summary>Moves the version on, for a change that the next report carries.</summary>
    public void NextVersion() => state().Version = VersionClock.Next(state().Version, clock);

    /// <summary>
    /// After activation: when the stored state was written with a report unfinished, reports every
    /// series under a new version, and answers true. Which series the unfinished report carried is not
    /// stored, and totals are absolute; a new version because the activation that died may have had later
    /// reports of other series taken, and the parent ignores a report at or below the last version it took.
    /// </summary>
    public bool ResumeUnfinished()
    {
        if (state().ReportedVersion >= state().Version)
        {
            return false;
        }

        NextVersion();
        _unreported.UnionWith(state().Series.Keys);
        return true;
    }

    /// <summary>Reports every series again under a new version, and answers true; false when stopped or there is nothing to report.</summary>
    public bool ReportAllAgain()
    {
        if (_stopped || state().Series.Count == 0)
        {
            return false;
        }

        _unreported.UnionWith(state().Series.Keys);
        NextVersion();
        return true;
    }

    /// <summary>What the parent asks for when it recovers: every series' totals under the current version.</summary>
    public ChildReport ReportOfAll() => ReportOf(state().Series.Keys);

    /// <summary>Forgets what is unreported and reports nothing more: another activation of the counter owns its record.</summary>
    public void Stop()
    {
        _stopped = true;
        _unreported.Clear();
    }

    /// <summary>Sends the series changed since the last report taken, unless the parent took every change.</summary>
    public async Task ReportAsync()
    {
        if (_stopped || IsUpToDate)
        {
            return;
        }

        var version = state().Version;
        if (group.Parent is not { } parent)
        {
            _unreported.Clear();
            state().ReportedVersion = version;
            return;
        }

        // Built before the call: changes made while it is on its way are reported next time.
        var sent = _unreported.ToArray();
        var report = ReportOf(sent);
        _unreported.Clear();
        try
        {
            var receipt = await sendToParent(parent, report);
            if (receipt.Taken)
            {
                state().ReportedVersion = version;
                return;
            }

            // Not taken: the parent holds a later version of this segment (another activation of this
            // child reported), or the parent's activation is going away. Send these series again, under
            // a version above the one it holds, on the next tick.
            _unreported.UnionWith(sent);
            state().Version = Math.Max(VersionClock.Next(state().Version, clock), receipt.HeldVersion + 1);
            LogReportNotTaken(logger, key, version, receipt.HeldVersion);
        }
        catch
        {
            _unreported.UnionWith(sent);
            throw;
        }
    }

    private ChildReport ReportOf(IEnumerable<SeriesId> series)
    {
        var current = state();
        return new(group.Period.Kind == PeriodKind.Year ? 0 : group.Period.IndexInParent,
            current.Version,
            [.. series.Select(s => SeriesCounts.Of(current, s).Totals(s))]);
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "{Key}: the parent did not take report {Version} (it holds {HeldVersion}); sending it again under a later version")]
    private static partial void LogReportNotTaken(ILogger logger, string key, long version, long heldVersion);
}
