namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Tells the directory that the account exists, once an activation, and the account's catalog the minutes its
/// applied events span (what <c>GET /api/accounts</c> answers). It asks the catalog only when a message reaches
/// past the span it last heard, so a steady stream costs about one call a minute. Neither is part of counting:
/// a failure is logged and tried again with the next message, never fails the message.
/// </summary>
public sealed partial class AccountActivity(
    string account, IAccountCatalogGrain catalog, IAccountDirectoryGrain directory, ILogger logger)
{
    private bool _listed;
    private EventTimeSpan? _known;

    /// <summary>Notes the events of a message that was applied.</summary>
    public async Task NoteAsync(EventBatch batch)
    {
        if (batch.Events.IsDefaultOrEmpty)
        {
            return;
        }

        try
        {
            if (!_listed)
            {
                await directory.AddAsync(account);
                _listed = true;
            }

            var span = SpanOf(batch);
            if (_known is not { } known || !known.Covers(span))
            {
                _known = await catalog.AddEventTimesAsync(span);
            }
        }
        catch (Exception exception)
        {
            LogNotNoted(logger, exception, account);
        }
    }

    /// <summary>The minutes of a batch's earliest and latest events.</summary>
    public static EventTimeSpan SpanOf(EventBatch batch)
    {
        var first = DateTime.MaxValue;
        var last = DateTime.MinValue;
        foreach (var counted in batch.Events)
        {
            first = counted.Timestamp < first ? counted.Timestamp : first;
            last = counted.Timestamp > last ? counted.Timestamp : last;
        }

        return new EventTimeSpan(MinuteOf(first), MinuteOf(last));
    }

    private static DateTime MinuteOf(DateTime time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "{Account}: the account list or its first and last event times could not be updated; tried again with the next message")]
    private static partial void LogNotNoted(ILogger logger, Exception exception, string account);
}
