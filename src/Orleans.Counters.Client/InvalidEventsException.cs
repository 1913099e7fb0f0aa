namespace Orleans.Counters.Client;

/// <summary>Thrown when events break the rules; none of the events passed in was sent.</summary>
public sealed class InvalidEventsException(IReadOnlyList<FieldError> errors)
    : Exception($"{errors.Count} problem(s) in the events; none was sent: " + string.Join("; ", errors.Take(5).Select(e => $"[{e.Index}] {e.Field}: {e.Reason}")))
{
    /// <summary>Each problem: the event's index, the field and the reason.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
