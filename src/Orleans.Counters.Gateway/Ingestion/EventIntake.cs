namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>
/// Where every HTTP endpoint that counts events hands them over: checks them against the event
/// rules and publishes them to the events stream, all of them or none.
/// </summary>
public sealed class EventIntake(EventValidator validator, EventPublisher publisher)
{
    /// <summary>
    /// Validates the events and, when every one is valid and <paramref name="readErrors"/> is empty,
    /// publishes them. Returns null once published; otherwise the problems by event index, and
    /// nothing was published.
    /// </summary>
    /// <param name="events">The events as read from the request.</param>
    /// <param name="readErrors">Fields the reader could not take, such as a number where a string belongs.</param>
    /// <param name="receivedAt">When the request arrived: the timestamp of events without one.</param>
    /// <param name="cancellationToken">Cancels publishing.</param>
    public async Task<IReadOnlyList<FieldError>?> CountAsync(
        IReadOnlyList<EventInput> events, IReadOnlyList<FieldError> readErrors, DateTime receivedAt, CancellationToken cancellationToken)
    {
        var ruleErrors = new List<FieldError>();
        var valid = validator.ValidateAll(events, receivedAt, ruleErrors);
        var errors = JsonFields.Merge(readErrors, ruleErrors);
        if (errors.Count > 0 || valid.Count < events.Count)
        {
            return errors;
        }

        await publisher.PublishAsync(valid, cancellationToken);
        return null;
    }
}
