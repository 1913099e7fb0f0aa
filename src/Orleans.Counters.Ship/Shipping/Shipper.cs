using System.Threading.Channels;
using Orleans.Counters.Ship.Input;
using Orleans.Counters.Ship.Mapping;
using Orleans.Counters.Ship.Parsing;
using Orleans.Counters.Ship.Sending;

namespace Orleans.Counters.Ship.Shipping;

/// <summary>
/// Runs the pipeline: lines → parser → mapper → bounded queue → batch sender → gateway. The queue
/// is the back-pressure: when it holds <see cref="ShipOptions.MaxPending"/> events, the reader waits,
/// and with it whoever writes the input. The run ends when the input ends or a stop is asked for; then
/// the pending events have <see cref="ShipOptions.ShutdownGrace"/> to be delivered. Each event
/// carries its line's id; with a position file, the position after each settled batch is saved.
/// </summary>
/// <param name="options">The command line.</param>
/// <param name="source">Where lines come from.</param>
/// <param name="client">Where events go.</param>
/// <param name="mapper">Turns lines into events.</param>
/// <param name="log">Messages on standard error.</param>
/// <param name="positions">Where the read position is saved; null for none.</param>
public sealed class Shipper(ShipOptions options, ILineSource source, GatewayClient client, EventMapper mapper, ShipLog log, PositionFile? positions = null)
{
    /// <summary>The exit code when the gateway refused the key (401 or 403).</summary>
    public const int KeyRefusedExitCode = 3;

    private readonly ShipCounters _counters = new();

    /// <summary>The counts so far.</summary>
    public ShipTotals Totals => _counters.Read();

    /// <summary>
    /// Ships until the input ends or <paramref name="stopping"/> is signalled, then delivers what is
    /// pending within the grace period; <paramref name="forced"/> gives up at once. Returns the exit code:
    /// 0 when every event read was delivered, <see cref="KeyRefusedExitCode"/> when the gateway refused
    /// the key, 1 otherwise.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken stopping, CancellationToken forced = default)
    {
        var queue = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(options.MaxPending)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(forced);
        var graceStarted = 0;
        void StartGrace()
        {
            if (Interlocked.Exchange(ref graceStarted, 1) == 0)
            {
                abort.CancelAfter(options.ShutdownGrace);
            }
        }

        await using var onStop = stopping.Register(() =>
        {
            log.Stopping(options.ShutdownGrace);
            StartGrace();
        });
        using var reporting = new CancellationTokenSource();
        var reporter = ReportAsync(reporting.Token);
        log.Started(source.Description, client.EventsUri);

        var sender = new BatchSender(client, new SenderOptions(options.BatchSize, options.MaxBodyBytes, options.FlushInterval, options.MaxRetryDelay), _counters, log, positions is null ? null : SavePosition)
            .RunAsync(queue.Reader, abort.Token);
        var reading = ReadAsync(queue.Writer, stopping, abort.Token);
        if (await Task.WhenAny(reading, sender) == sender && sender.IsFaulted)
        {
            // Nothing takes from the queue any more: stop reading, then let the failure surface below.
            await abort.CancelAsync();
        }

        var inputFailed = !await reading;
        queue.Writer.Complete();
        StartGrace();

        var keyRefused = false;
        try
        {
            await sender;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            log.GraceExpired(_counters.Read().Pending);
        }
        catch (KeyRefusedException e)
        {
            log.KeyRefused(e.Message);
            keyRefused = true;
        }

        await reporting.CancelAsync();
        await reporter;
        var totals = _counters.Read();
        log.Finished(totals);
        return keyRefused ? KeyRefusedExitCode : totals.AllDelivered && !inputFailed ? 0 : 1;
    }

    /// <summary>Reads the input into the queue; false when reading failed.</summary>
    private async Task<bool> ReadAsync(ChannelWriter<QueuedEvent> queue, CancellationToken stopping, CancellationToken abort)
    {
        try
        {
            await source.ReadAsync(line => TakeAsync(line, queue, abort), stopping, abort);
            return true;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.InputFailed(e);
            return false;
        }
    }

    private void SavePosition(FilePosition position)
    {
        try
        {
            positions!.Save(position);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not fatal: the next batch tries again, and until then a restart only sends lines again, with their ids.
            log.PositionNotSaved(positions!.Path, e);
        }
    }

    private ValueTask TakeAsync(SourceLine source, ChannelWriter<QueuedEvent> queue, CancellationToken abort)
    {
        var number = _counters.AddLine();
        var line = source.Text;
        var parsed = CombinedLogParser.Parse(line);
        if (parsed.Record is not { } record)
        {
            _counters.AddUnparsable();
            log.Unparsable(number, parsed.Reason!, line);
            return ValueTask.CompletedTask;
        }

        var mapped = mapper.Map(record);
        if (mapped.Event is { } counted)
        {
            _counters.AddQueued();
            return queue.WriteAsync(new QueuedEvent(EventJson.Serialize(counted with { Id = source.Id }), source.Checkpoint), abort);
        }

        if (mapped.IsIgnored)
        {
            _counters.AddIgnored();
        }
        else
        {
            _counters.AddInvalid();
            log.Invalid(number, mapped.InvalidReason!, line);
        }

        return ValueTask.CompletedTask;
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ReportInterval);
        var last = _counters.Read();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = _counters.Read();
                if (now != last)
                {
                    log.Report(now);
                    last = now;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
