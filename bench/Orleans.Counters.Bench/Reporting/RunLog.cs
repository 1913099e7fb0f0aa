namespace Orleans.Counters.Bench.Reporting;

/// <summary>
/// Runs the steps of a bench run one by one: a step that fails is recorded and the run goes on
/// with the next, so one broken scenario still leaves the others' figures. Cancellation is not a failure.
/// </summary>
public sealed class RunLog(Func<string, bool> includes, CancellationToken cancellationToken)
{
    private readonly List<(string Step, string Detail)> _details = [];
    private readonly List<(string Step, string Message)> _failures = [];

    /// <summary>How each measurement was made, by step.</summary>
    public IReadOnlyList<(string Step, string Detail)> Details => _details;

    /// <summary>The steps that failed, and why.</summary>
    public IReadOnlyList<(string Step, string Message)> Failures => _failures;

    /// <summary>True when the measuring step of this name is to run (no --only, or one that names it).</summary>
    public bool Includes(string step) => includes(step);

    /// <summary>Runs a measuring step; returns its outcome, or null when it failed or was left out (--only).</summary>
    public async Task<T?> MeasureAsync<T>(string step, Func<Task<T>> measure)
        where T : class, IOutcome
    {
        T? outcome = null;
        if (!includes(step))
        {
            return outcome;
        }

        await RunAsync(step, async () =>
        {
            outcome = await measure();
            _details.Add((step, outcome.Detail));
            Progress.Info($"{step}: {outcome.Detail}");
        });
        return outcome;
    }

    /// <summary>Runs a step that measures nothing itself, such as starting servers around measuring steps.</summary>
    public async Task RunAsync(string step, Func<Task> run)
    {
        Progress.Info($"{step} …");
        var clock = Stopwatch.StartNew();
        try
        {
            await run();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            _failures.Add((step, exception.Message));
            Progress.Error($"{step} FAILED after {clock.Elapsed.TotalSeconds:0.0} s: {exception}");
        }
    }
}
