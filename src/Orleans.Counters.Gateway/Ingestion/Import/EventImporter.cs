using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Gateway.Ingestion.Import;

/// <summary>
/// Checks imported events against the import rules (any date from <see cref="ImportLimits.Earliest"/>,
/// an id and a timestamp on each) and writes them through the process's <see cref="IEventWriter"/>,
/// which on the durable queue claims each (account, id) and reports the repeats.
/// </summary>
public sealed class EventImporter
{
    private readonly IEventWriter _writer;
    private readonly EventValidator _validator;

    /// <summary>Takes the writer the cluster client has, as <see cref="EventPublisher"/> does.</summary>
    public EventImporter(IClusterClient client, CountersSettings settings, IOptions<ImportLimits> limits, IOptions<IngestLimits> ingestLimits, TimeProvider clock)
    {
        _writer = client.ServiceProvider.GetService<IEventWriter>() ?? new StreamEventWriter(client);
        _validator = new EventValidator(new EventLimits { Earliest = limits.Value.Earliest, MaxFutureSkew = ingestLimits.Value.MaxFutureSkew }, clock);
        RemembersIds = settings.Streams == StorageMode.PostgreSql;
    }

    /// <summary>
    /// True when the events stream is the durable queue: the only one that remembers ids, so the only
    /// one where importing a file again counts it once.
    /// </summary>
    public bool RemembersIds { get; }

    /// <summary>
    /// Validates the events and, when every one is valid and <paramref name="readErrors"/> is empty,
    /// writes them. Returns the repeats (events whose id was already counted) once written; otherwise
    /// the problems by event index, and nothing was written.
    /// </summary>
    public async Task<(int Repeats, IReadOnlyList<FieldError>? Errors)> ImportAsync(
        IReadOnlyList<EventInput> events, IReadOnlyList<FieldError> readErrors, DateTime receivedAt, CancellationToken cancellationToken)
    {
        var ruleErrors = new List<FieldError>();
        for (var index = 0; index < events.Count; index++)
        {
            if (events[index].Id is null)
            {
                ruleErrors.Add(new FieldError(index, "id", "is required for an import: it is what makes importing again count once"));
            }

            if (events[index].Timestamp is null)
            {
                ruleErrors.Add(new FieldError(index, "timestamp", "is required for an import"));
            }
        }

        var valid = _validator.ValidateAll(events, receivedAt, ruleErrors);
        var errors = JsonFields.Merge(readErrors, ruleErrors);
        if (errors.Count > 0 || valid.Count < events.Count)
        {
            return (0, errors);
        }

        return (await _writer.WriteAsync(valid, cancellationToken), null);
    }
}
