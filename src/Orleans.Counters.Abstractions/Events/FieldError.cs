namespace Orleans.Counters.Events;

/// <summary>Why one field of one event in a request was refused.</summary>
/// <param name="Index">The event's position in the request, from 0.</param>
/// <param name="Field">The field's JSON name, or null when the event as a whole is wrong.</param>
/// <param name="Reason">What is wrong, in words a client developer can act on.</param>
public sealed record FieldError(int Index, string? Field, string Reason);
