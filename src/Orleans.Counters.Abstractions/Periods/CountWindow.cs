using Orleans.Counters.Events;

namespace Orleans.Counters.Periods;

/// <summary>
/// The instants that can hold counts, for reads to stay inside. An event dated more than
/// <see cref="EventLimits.MaxFutureSkew"/> ahead of the clock is refused, and the clock only moves on,
/// so nothing after now + MaxFutureSkew was ever counted: a read clamps its range there and answers
/// zeros for a period wholly after it without asking a grain. A day's margin covers gateways whose
/// clocks run ahead of this one. Nothing like it holds for the past: an event accepted years ago may
/// be dated <see cref="EventLimits.MaxAge"/> before that, and counts are kept for ever.
/// </summary>
/// <param name="Latest">No count lies at or after this instant.</param>
public readonly record struct CountWindow(DateTime Latest)
{
    /// <summary>How far ahead of the latest timestamp this clock would accept another gateway may have accepted one.</summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromDays(1);

    /// <summary>The window as of <paramref name="now"/>, under <paramref name="limits"/>.</summary>
    public static CountWindow At(DateTime now, EventLimits limits) =>
        new(RangeCover.FloorToMinute(now + limits.MaxFutureSkew + ClockMargin));

    /// <summary>True when the period may hold counts: it starts before <see cref="Latest"/>.</summary>
    public bool CanHold(Period period) => period.Start < Latest;

    /// <summary>The end of a range, brought back to <see cref="Latest"/> when it lies after it.</summary>
    public DateTime Clamp(DateTime end) => end > Latest ? Latest : end;
}
