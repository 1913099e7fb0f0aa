namespace Orleans.Counters.Ship.Shipping;

/// <summary>
/// The tool's messages, one line each on standard error, which Apache writes to its error log for a
/// piped logger. Plain lines rather than a logging framework: they are the tool's interface (people
/// and tests read them), and each is written at once, so none is lost when the process exits.
/// </summary>
public sealed class ShipLog(TextWriter output)
{
    /// <summary>How many unparsable or invalid lines are quoted; the rest are only counted.</summary>
    public const int MaxQuotedLines = 10;

    private const string Prefix = "counters-ship: ";
    private const int MaxQuotedLength = 300;

    private readonly Lock _lock = new();
    private int _quoted;

    /// <summary>Messages to standard error.</summary>
    public static ShipLog StandardError() => new(Console.Error);

    /// <summary>Start-up: what is read and where it goes.</summary>
    public void Started(string source, Uri events) => Write($"shipping {source} to {events}");

    /// <summary>No salt was given.</summary>
    public void RandomSalt() =>
        Write("no --salt and no COUNTERS_SHIP_SALT: user ids use a random salt for this run, so a visitor's id (and unique counts) change when the tool restarts");

    /// <summary>A line that could not be parsed.</summary>
    public void Unparsable(long lineNumber, string reason, string line) => Quote($"line {lineNumber} unparsable ({reason}): {line}");

    /// <summary>A line whose event the gateway would refuse.</summary>
    public void Invalid(long lineNumber, string reason, string line) => Quote($"line {lineNumber} left out, the gateway would refuse it ({reason}): {line}");

    /// <summary>The followed file does not exist yet.</summary>
    public void WaitingForFile(string path) => Write($"waiting for {path} to be created");

    /// <summary>The followed file existed: only lines appended from now on are read.</summary>
    public void FollowingFrom(string path, long position) => Write($"following {path} from byte {position} (--from-start reads what is already there)");

    /// <summary>The followed file is the one the position file names: reading goes on from there.</summary>
    public void Resuming(string path, long offset) => Write($"resuming {path} at byte {offset}, where the last run's delivered lines end");

    /// <summary>The followed file has the saved identity but not the saved content: truncated, or a new file given the freed inode, while the tool was stopped.</summary>
    public void TruncatedWhileStopped(string path, long offset) =>
        Write($"{path} no longer holds what it held up to the saved position (byte {offset}): it was truncated or replaced while stopped; reading it from the start");

    /// <summary>The file of the saved position was rotated while the tool was stopped, and found next to the path.</summary>
    public void FinishingRotated(string path, Input.FileIdentity identity, long offset) =>
        Write($"{path} was rotated while stopped: finishing the rotated file ({identity}) from byte {offset}, then reading the new one from the start");

    /// <summary>The file of the saved position is gone.</summary>
    public void PositionLost(string path, Input.FileIdentity identity, long offset) =>
        Write($"the file of the saved position ({identity}, byte {offset}) is no longer next to {path}: lines written to it after that position are not shipped; reading {path} from the start");

    /// <summary>The position file could not be written; reading goes on and it is tried again after the next batch.</summary>
    public void PositionNotSaved(string path, Exception error) => Write($"could not save the position in {path}: {error.Message}");

    /// <summary>The position file cannot be used: the tool does not start.</summary>
    public void PositionFileUnusable(string message) => Write($"--position-file: {message}");

    /// <summary>The gateway refused the key (401) or what it allows (403): sending again cannot help.</summary>
    public void KeyRefused(string detail) =>
        Write($"stopping: the gateway refused the key ({detail}); give an ingest key of this account with --key or COUNTERS_SHIP_KEY");

    /// <summary>The followed file was truncated.</summary>
    public void Truncated(string path) => Write($"{path} was truncated: reading it from the start");

    /// <summary>The followed file was rotated.</summary>
    public void Rotated(string path) => Write($"{path} was rotated: finished the old file, reading the new one from the start");

    /// <summary>Reading the input failed.</summary>
    public void InputFailed(Exception error) => Write($"reading the input failed: {error.Message}");

    /// <summary>A batch failed and is retried.</summary>
    public void Retrying(int events, string detail, int failures, TimeSpan delay)
    {
        // The first failures and then every tenth: an outage of an hour is a few dozen lines, not thousands.
        if (failures <= 3 || failures % 10 == 0)
        {
            Write($"sending {events} events failed ({detail}); attempt {failures + 1} in {delay.TotalSeconds:0.0} s");
        }
    }

    /// <summary>A batch got through after failures.</summary>
    public void Recovered(int events, int failures) => Write($"sent {events} events after {failures} failed attempts");

    /// <summary>The gateway refused a batch for good.</summary>
    public void Rejected(int events, string detail) => Write($"the gateway refused {events} events, dropped: {detail}");

    /// <summary>The gateway found a batch too large.</summary>
    public void TooLarge(int events, int batchSize, string detail) =>
        Write($"the gateway found {events} events too large ({detail}); sending them in halves, batches of at most {batchSize} from now on");

    /// <summary>A stop signal came.</summary>
    public void Stopping(TimeSpan grace) => Write($"stopping: finishing the input and sending what is pending (at most {grace.TotalSeconds:0.#} s)");

    /// <summary>The grace period ran out with events unsent.</summary>
    public void GraceExpired(long pending) => Write($"gave up with {pending} events unsent: the grace period ran out");

    /// <summary>The periodic report.</summary>
    public void Report(ShipTotals totals) => Write(totals.ToString());

    /// <summary>The last line.</summary>
    public void Finished(ShipTotals totals) => Write($"finished: {totals}");

    private void Quote(string message)
    {
        var number = Interlocked.Increment(ref _quoted);
        if (number <= MaxQuotedLines)
        {
            // A quoted line is whatever came in: its control characters (terminal escapes) are not passed on.
            var shown = string.Create(Math.Min(message.Length, MaxQuotedLength), message, (span, text) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = char.IsControl(text[i]) ? '?' : text[i];
                }
            });
            Write(message.Length <= MaxQuotedLength ? shown : shown + "…");
        }

        if (number == MaxQuotedLines)
        {
            Write("further unparsable or invalid lines are only counted");
        }
    }

    private void Write(string message)
    {
        lock (_lock)
        {
            output.WriteLine(Prefix + message);
            output.Flush();
        }
    }
}
