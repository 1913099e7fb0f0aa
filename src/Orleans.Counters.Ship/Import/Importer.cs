using Orleans.Counters.Ship.Sending;

namespace Orleans.Counters.Ship.Import;

/// <summary>
/// Streams a file to <c>POST /api/import</c>, one batch at a time: reads lines, makes them events
/// (<see cref="ImportLineMapper"/>), sends a batch when it is full, and after each acknowledged batch
/// saves where it got (<see cref="ImportState"/>). A batch the gateway refuses in part (400) is sent
/// again without the refused events; one too large (413) in halves; 429, 503 and no answer are retried
/// with backoff. Every event carries an id, so a batch sent twice counts once.
/// </summary>
public sealed class Importer(ImportOptions options, ImportClient client, Action<string> log)
{
    private readonly RetryWait _wait = new(options.MaxRetryDelay);
    private readonly List<RefusedLine> _refused = [];
    private ImportTotals _totals = ImportTotals.None;

    /// <summary>Imports the file from where the state file says; reports the bytes read so far to <paramref name="progress"/>.</summary>
    public async Task<ImportResult> RunAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await ImportAsync(progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var resume = options.StateFile is null ? "run it again: the events sent carry ids, so they count once" : "run it again with the same --state to go on";
            return Stop(1, $"stopped by a signal; {resume}");
        }
    }

    private async Task<ImportResult> ImportAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var file = Path.GetFullPath(options.File);
        ImportState? state;
        try
        {
            state = options.StateFile is { } statePath ? ImportState.Load(statePath, file) : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Stop(2, e.Message);
        }

        _totals = state?.Totals ?? ImportTotals.None;
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        var (mapper, start, firstLine, problem) = Prepare(stream, state);
        if (mapper is null)
        {
            return Stop(2, problem!);
        }

        var batch = new Batch();
        var point = (Offset: start, Line: firstLine - 1);
        foreach (var line in FileLines.Read(stream, start, firstLine))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mapped = mapper.Map(line);
            if (mapped?.Json is { } json && batch.Events.Count > 0
                && (batch.Events.Count >= options.BatchSize || batch.Bytes + json.Length + 1 > options.MaxBodyBytes))
            {
                if (await SendAsync(batch, cancellationToken) is { } stopped)
                {
                    return stopped;
                }

                Save(file, point);
                progress?.Report(point.Offset);
            }

            batch.Lines++;
            if (mapped is { Problem: { } refusal })
            {
                batch.Refused.Add(new RefusedLine(line.Number, refusal));
            }
            else if (mapped is { Json: { } taken })
            {
                batch.Add(line.Number, taken);
            }

            point = (line.End, line.Number);
        }

        if (await SendAsync(batch, cancellationToken) is { } last)
        {
            return last;
        }

        Save(file, point);
        progress?.Report(point.Offset);
        return new ImportResult(_totals, _refused, _refused.Count == 0 ? 0 : 1, null);
    }

    // The mapper, and where the events start: after the header row of a CSV file, or where the state says.
    private (ImportLineMapper? Mapper, long Start, long FirstLine, string? Problem) Prepare(FileStream stream, ImportState? state)
    {
        if (options.Format == ImportFormat.Ndjson)
        {
            return (ImportLineMapper.Ndjson(options.Account), state?.Offset ?? 0, (state?.Line ?? 0) + 1, null);
        }

        var header = FileLines.Read(stream, 0, 1).FirstOrDefault();
        if (header is null)
        {
            return (null, 0, 0, $"{options.File} is empty: a CSV file starts with a header row naming the columns");
        }

        var mapper = ImportLineMapper.Csv(options.Account, header.Text, out var problem);
        if (mapper is null)
        {
            return (null, 0, 0, $"{options.File} line 1: {problem}");
        }

        if (state is null)
        {
            _totals = _totals with { Lines = 1 };
        }

        return (mapper, state?.Offset ?? header.End, (state?.Line ?? 1) + 1, null);
    }

    // Sends the batch until the gateway took what it would; a result when the run must stop.
    private async Task<ImportResult?> SendAsync(Batch batch, CancellationToken cancellationToken)
    {
        var pending = new Queue<(List<long> Lines, List<byte[]> Events)>();
        if (batch.Events.Count > 0)
        {
            pending.Enqueue((batch.LineNumbers, batch.Events));
        }

        var refused = new List<RefusedLine>(batch.Refused);
        long sent = 0, repeats = 0;
        for (var failures = 0; pending.Count > 0;)
        {
            var (lines, events) = pending.Peek();
            var answer = await client.PostAsync(events, cancellationToken);
            switch (answer)
            {
                case ImportAnswer.Taken taken:
                    (sent, repeats, failures) = (sent + taken.Accepted, repeats + taken.Repeats, 0);
                    pending.Dequeue();
                    break;
                case ImportAnswer.Refused { Events.Count: > 0 } some:
                    pending.Dequeue();
                    var byIndex = some.Events.Where(e => e.Index >= 0 && e.Index < events.Count).ToLookup(e => e.Index, e => e.Problem);
                    refused.AddRange(byIndex.Select(e => new RefusedLine(lines[e.Key], string.Join("; ", e))));
                    var keep = Enumerable.Range(0, events.Count).Where(i => !byIndex.Contains(i)).ToList();
                    if (keep.Count > 0 && byIndex.Count > 0)
                    {
                        pending.Enqueue(([.. keep.Select(i => lines[i])], [.. keep.Select(i => events[i])]));
                    }
                    else if (byIndex.Count == 0)
                    {
                        refused.AddRange(lines.Select(line => new RefusedLine(line, some.Detail)));
                    }

                    break;
                case ImportAnswer.Refused whole:
                    pending.Dequeue();
                    refused.AddRange(lines.Select(line => new RefusedLine(line, whole.Detail)));
                    break;
                case ImportAnswer.TooLarge tooLarge when events.Count > 1:
                    pending.Dequeue();
                    var half = events.Count / 2;
                    pending.Enqueue((lines[..half], events[..half]));
                    pending.Enqueue((lines[half..], events[half..]));
                    break;
                case ImportAnswer.TooLarge tooLarge:
                    pending.Dequeue();
                    refused.Add(new RefusedLine(lines[0], tooLarge.Detail));
                    break;
                case ImportAnswer.Stop stop:
                    return Stop(stop.Status == 409 ? 4 : 3, $"the gateway answered {stop.Status}: {stop.Detail}");
                case ImportAnswer.Retry retry:
                    var delay = _wait.Delay(failures++, retry.RetryAfter);
                    log($"counters-ship import: {retry.Detail}; retrying in {delay.TotalSeconds:0.#} s");
                    await Task.Delay(delay, cancellationToken);
                    break;
            }
        }

        refused.Sort((a, b) => a.Number.CompareTo(b.Number));
        _refused.AddRange(refused);
        _totals = new ImportTotals(_totals.Lines + batch.Lines, _totals.Sent + sent, _totals.Repeats + repeats, _totals.Refused + refused.Count);
        batch.Clear();
        return null;
    }

    private void Save(string file, (long Offset, long Line) point)
    {
        if (options.StateFile is { } path)
        {
            new ImportState(file, point.Offset, point.Line, _totals).Save(path);
        }
    }

    private ImportResult Stop(int exitCode, string reason) => new(_totals, _refused, exitCode, reason);

    /// <summary>The lines read since the last acknowledged batch, and the events among them.</summary>
    private sealed class Batch
    {
        public List<long> LineNumbers { get; private set; } = [];

        public List<byte[]> Events { get; private set; } = [];

        public List<RefusedLine> Refused { get; } = [];

        public long Lines { get; set; }

        public long Bytes { get; private set; }

        public void Add(long line, byte[] json)
        {
            LineNumbers.Add(line);
            Events.Add(json);
            Bytes += json.Length + 1;
        }

        public void Clear()
        {
            (LineNumbers, Events, Bytes, Lines) = ([], [], 0, 0);
            Refused.Clear();
        }
    }
}
