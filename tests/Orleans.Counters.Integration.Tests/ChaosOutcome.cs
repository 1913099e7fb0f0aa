using System.Net;

namespace Orleans.Counters.Integration.Tests;

/// <summary>What a chaos run measured: the figures its closing line reports and its assertions check.</summary>
/// <param name="Sent">Events in the load.</param>
/// <param name="Acknowledged">Events the gateway answered 202 for.</param>
/// <param name="Counted">The <c>all</c> series' year totals, added up, once the counts settled.</param>
/// <param name="Lost">How far those totals fell short of the truth.</param>
/// <param name="Doubled">How far they went over it.</param>
/// <param name="Report">The period-by-period comparison with ground truth.</param>
/// <param name="DisruptedAfterBatches">The batch at which the disruption began.</param>
/// <param name="Batches">Batches in the load.</param>
/// <param name="Outage">How long the disruption lasted (zero for a kill).</param>
/// <param name="LoadEndedAfter">From the disruption until the last batch was accepted: longer than <paramref name="Outage"/> when the load outlasted it.</param>
/// <param name="CountingResumedAfter">From the disruption until every account still counting had counted more than when it ended.</param>
/// <param name="ExactAfter">From the disruption until every year equalled the truth.</param>
/// <param name="Retries">Requests the client sent again after a 503.</param>
/// <param name="Refusals">Answers other than 202, by status.</param>
/// <param name="Queued">Messages left in the queue at the end.</param>
/// <param name="DeadLetters">Messages in the dead-letter table at the end.</param>
public sealed record ChaosOutcome(
    long Sent,
    long Acknowledged,
    long Counted,
    long Lost,
    long Doubled,
    CountsVerifier.Report Report,
    int DisruptedAfterBatches,
    int Batches,
    TimeSpan Outage,
    TimeSpan LoadEndedAfter,
    TimeSpan? CountingResumedAfter,
    TimeSpan ExactAfter,
    long Retries,
    IReadOnlyDictionary<HttpStatusCode, int> Refusals,
    long Queued,
    long DeadLetters)
{
    /// <summary>Where <see cref="Refusals"/> counts requests that found no gateway listening.</summary>
    public const HttpStatusCode ConnectionRefused = 0;

    /// <summary>Where <see cref="Refusals"/> counts requests whose connection the gateway closed without answering.</summary>
    public const HttpStatusCode ConnectionClosed = (HttpStatusCode)1;

    /// <summary>When and for how long each fault struck, when there were several or one was undone after the load; null otherwise.</summary>
    public string? Timeline { get; init; }

    /// <summary>How the counts settled through every gateway after the last recovery, when the load asked for it (<see cref="ChaosLoad.ExactWithin"/>).</summary>
    public Settling? Settle { get; init; }

    /// <summary>How the counts settled after the last fault was over.</summary>
    /// <param name="Gateways">Gateways read through.</param>
    /// <param name="PeriodsPerGateway">Periods a full pass reads through each gateway: every year, month and day, and a sample of hours.</param>
    /// <param name="Passes">Passes made until all were exact, or until polling gave up.</param>
    /// <param name="Window">How long after the last recovery they had to become exact.</param>
    /// <param name="ExactPassBegan">From the last recovery (negative if the counts were read before it) until the pass that found every period exact through every gateway began; null when none did before polling gave up.</param>
    /// <param name="ExactAfterRecovery">From the last recovery until that pass ended: every period was exact by then.</param>
    /// <param name="InWindow">True when that pass began within the window.</param>
    /// <param name="WrongAtWindowEnd">What was still wrong when the window closed, with each gateway's answer; empty when exact in time.</param>
    public sealed record Settling(int Gateways, int PeriodsPerGateway, int Passes, TimeSpan Window, TimeSpan? ExactPassBegan, TimeSpan? ExactAfterRecovery, bool InWindow, IReadOnlyList<string> WrongAtWindowEnd)
    {
        /// <inheritdoc />
        public override string ToString()
        {
            var through = $"{PeriodsPerGateway} periods through each of {Gateways} gateways";
            var exact = ExactAfterRecovery is { } after
                ? $"exact {after.TotalSeconds:0.0} s after the last recovery, in a pass begun at {ExactPassBegan!.Value.TotalSeconds:0.0} s"
                : "never exact";
            return InWindow
                ? $"{through} {exact} ({Passes} passes)"
                : $"{through} NOT exact {Window.TotalSeconds:0} s after the last recovery ({exact}, {Passes} passes); {WrongAtWindowEnd.Count} wrong then:\n{string.Join('\n', WrongAtWindowEnd.Take(20))}\n";
        }
    }

    /// <summary>One line with every figure, for the test output and the closing note.</summary>
    public override string ToString()
    {
        var refusals = Refusals.Count == 0 ? "none" : string.Join(", ", Refusals.Select(r => r.Key switch
        {
            ConnectionRefused => $"connection refused×{r.Value}",
            ConnectionClosed => $"closed unanswered×{r.Value}",
            _ => $"{(int)r.Key}×{r.Value}",
        }));
        var resumed = CountingResumedAfter is { } r ? $"{r.TotalSeconds:0.0} s" : "never seen";
        return $"disrupted at batch {DisruptedAfterBatches} of {Batches} for {Outage.TotalSeconds:0.0} s (load ended {LoadEndedAfter.TotalSeconds:0.0} s after it began): sent {Sent}, acknowledged (202) {Acknowledged}, " +
            $"counted {Counted}, lost {Lost}, double counted {Doubled}; counting resumed {resumed} and all counts exact " +
            $"{ExactAfter.TotalSeconds:0.0} s after the disruption began; refused {refusals}, {Retries} retried requests; " +
            $"{Queued} left queued, {DeadLetters} dead letters; " +
            (Timeline is null ? "" : $"faults: {Timeline}; ") +
            (Settle is null ? "" : $"{Settle}; ") +
            $"{Report}";
    }

    /// <summary>
    /// Appends the figures to <c>TestResults/chaos.txt</c> under the repository root, which
    /// <c>.ci/run</c> prints at the end: CI logs show them whether the test passed or not.
    /// </summary>
    public void Record(string test)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "TestResults");
        Directory.CreateDirectory(directory);
        File.AppendAllText(Path.Combine(directory, "chaos.txt"), $"{test}: {this}{Environment.NewLine}");
    }

    /// <summary>Asserts what every chaos run must show: every event acknowledged and counted exactly once.</summary>
    public void AssertExact()
    {
        if (Settle is not null)
        {
            Assert.True(Settle.InWindow, Settle.ToString());
        }

        Assert.True(Report.Mismatches.Count == 0, Report.ToString());
        Assert.Equal(Sent, Acknowledged);
        Assert.Equal((Sent, 0L, 0L), (Counted, Lost, Doubled));
        Assert.Equal(0, Queued);
        Assert.Equal(0, DeadLetters);
    }
}
