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
/// the pending events have <see cref="ShipOptions.ShutdownGrace"/> to be delivered.
/// </summary>
public sealed class Shipper(ShipOptions options, ILineSource source, GatewayClient client, EventMapper mapper, ShipLog log)
{
    private readonly ShipCounters _counters = new();

    /// <summary>The counts so far.</summary>
    public ShipTotals Totals => _counters.Read();

    /// <summary>
    /// Ships until the input ends or <paramref name="stopping"/> is signalled, then delivers what is
    /// pending within the grace period; <paramref name="forced"/> gives up at once. Returns the exit code:
    /// 0 when every event read was delivered, 1 otherwise.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken stopping, CancellationToken forced = default)
    {
        var queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.MaxPending)
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

        var sender = new BatchSender(client, new SenderOptions(options.BatchSize, options.MaxBodyBytes, options.FlushInterval, options.MaxRetryDelay), _counters, log)
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

        try
        {
            await sender;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            log.GraceExpired(_counters.Read().Pending);
        }

        await reporting.CancelAsync();
        await reporter;
        var totals = _counters.Read();
        log.Finished(totals);
        return totals.AllDelivered && !inputFailed ? 0 : 1;
    }

    /// <summary>Reads the input into the queue; false when reading failed.</summary>
    private async Task<bool> ReadAsync(ChannelWriter<byte[]> queue, CancellationToken stopping, CancellationToken abort)
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

    private ValueTask TakeAsync(string line, ChannelWriter<byte[]> queue, CancellationToken abort)
    {
        var number = _counters.AddLine();
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
            return queue.WriteAsync(EventJson.Serialize(counted), abort);
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
