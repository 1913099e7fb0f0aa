using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Operations;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// When a counter reports and writes: a change starts one timer that reports within
/// <see cref="CounterOptions.ReportInterval"/> and writes within <see cref="CounterOptions.PersistInterval"/>,
/// then stops once all is reported and written. The timer interleaves with the grain's calls. On
/// deactivation the counter hands over: a last report, and a clean write. A fenced activation (another one
/// wrote its record) stops both, is counted, and goes away without handing over.
/// </summary>
/// <param name="grain">The counter grain, whose timer this is and which deactivates when fenced.</param>
/// <param name="group">The account shard and period counted.</param>
/// <param name="store">The counter's record.</param>
/// <param name="reporter">The counter's reports to its parent.</param>
/// <param name="options">The intervals, and whether a stopping silo hands its counts over.</param>
/// <param name="metrics">Counts activations and stale ones.</param>
/// <param name="logger">Logs hand-overs and fencing.</param>
/// <param name="key">The grain's key, for the log.</param>
public sealed partial class CounterFlush<TState>(
    IGrainBase grain,
    CounterGroup group,
    CounterStore<TState> store,
    ParentReporter reporter,
    CounterOptions options,
    GrainMetrics metrics,
    ILogger logger,
    string key)
    where TState : CountersState
{
    private IGrainTimer? _timer;
    private Task? _flushing;

    /// <summary>The kind of period counted, as the activation metric names it: hour, day, month or year.</summary>
    private string KindName => group.Period.Kind.ToString().ToLowerInvariant();

    /// <summary>Counts the activation, and finishes a report its record says was unfinished.</summary>
    public void Activated()
    {
        if (reporter.ResumeUnfinished())
        {
            Start();
        }

        metrics.Activated(KindName);
    }

    /// <summary>Records that the state changed: moves the version on and schedules the report and the write.</summary>
    public void Changed()
    {
        reporter.NextVersion();
        store.MarkDirty();
        Start();
    }

    /// <summary>Has the state written within the persist interval, for a change that is not reported (no new version).</summary>
    public void ScheduleWrite()
    {
        store.MarkDirty();
        Start();
    }

    /// <summary>Reports every series again under a new version (a parent recovering from a fenced activation asks).</summary>
    public void ReportAllAgain()
    {
        if (reporter.ReportAllAgain())
        {
            Start();
        }
    }

    /// <summary>What the store calls when it finds this activation stale: stops reporting and flushing, and deactivates.</summary>
    public void Fenced(string detectedBy)
    {
        reporter.Stop();
        _timer?.Dispose();
        _timer = null;
        metrics.StaleActivation(KindName, detectedBy);
        LogFenced(logger, key, detectedBy);
        grain.DeactivateOnIdle();
    }

    /// <summary>
    /// Hands the counter over: waits for a flush under way, then reports and writes the state clean,
    /// unless the silo stops without handing over. Fenced, it calls <paramref name="fencedDeactivation"/> instead.
    /// </summary>
    public async Task DeactivateAsync(DeactivationReason reason, Func<Task> fencedDeactivation, CancellationToken cancellationToken)
    {
        metrics.Deactivated(KindName);
        _timer?.Dispose();
        if (_flushing is not null)
        {
            await _flushing;
        }

        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && !options.HandOverOnShutdown)
        {
            return;
        }

        if (store.IsFenced)
        {
            // Another activation owns the record: writing or reporting this one's state would undo its work.
            await fencedDeactivation();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await reporter.ReportAsync();
        }
        catch (Exception exception)
        {
            LogReportOnDeactivationFailed(logger, exception, key);
        }

        var reported = Stopwatch.GetElapsedTime(started);
        var wrote = store.IsDirty || store.IsStoredUnclean;
        if (wrote)
        {
            await store.WriteAsync(cancellationToken, clean: true);
        }

        if (store.IsFenced)
        {
            await fencedDeactivation();
        }

        LogHandedOver(logger, key, reason.ReasonCode, reported.TotalMilliseconds, wrote, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private void Start()
    {
        var interval = options.ReportInterval;
        _timer ??= grain.RegisterGrainTimer(
            FlushAsync,
            new GrainTimerCreationOptions(interval, interval) { KeepAlive = true, Interleave = true });
    }

    private Task FlushAsync(CancellationToken cancellationToken) => _flushing = FlushOnceAsync(cancellationToken);

    private async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (Discarding)
            {
                return;
            }

            await reporter.ReportAsync();
            if (store.IsWriteDue(options.PersistInterval))
            {
                await store.WriteAsync(cancellationToken);
            }

            if (!store.IsDirty && reporter.IsUpToDate)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
        catch (Exception exception) when (Discarding)
        {
            // Begun just before the silo started stopping: the parent or the storage grain it called may have stopped first.
            LogDiscarded(logger, key, exception.GetType().Name);
        }
        finally
        {
            _flushing = null;
        }
    }

    /// <summary>True once the silo is stopping, when its counts are not to be handed over (<see cref="CounterOptions.HandOverOnShutdown"/>).</summary>
    /// <remarks>
    /// From the moment the host is asked to stop (Ctrl-C), not only once the silo leaves the cluster: a
    /// report sent after that could find its parent's silo gone, which Orleans logs as an error.
    /// </remarks>
    private bool Discarding =>
        !options.HandOverOnShutdown
        && (grain.GrainContext.ActivationServices.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested
            || grain.GrainContext.ActivationServices.GetRequiredService<ISiloStatusOracle>().CurrentStatus.IsTerminating());

    // Debug: one line per counter, thousands on a silo's stop. Tells a slow stop's deactivation stage apart: reports or writes.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key} deactivated ({Reason}): reported in {ReportMs:0} ms, written: {Wrote}, done in {TotalMs:0} ms")]
    private static partial void LogHandedOver(ILogger logger, string key, DeactivationReasonCode reason, double reportMs, bool wrote, double totalMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key} stopped with its silo without handing over ({Exception}): its counts lived in memory only")]
    private static partial void LogDiscarded(ILogger logger, string key, string exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not report {Key} to its parent on deactivation; it reports again on reactivation")]
    private static partial void LogReportOnDeactivationFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Key}: another activation wrote its record (found on {DetectedBy}); this one is stale and deactivates without writing")]
    private static partial void LogFenced(ILogger logger, string key, string detectedBy);
}
