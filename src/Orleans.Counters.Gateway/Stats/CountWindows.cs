using Microsoft.Extensions.Options;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>The <see cref="CountWindow"/> of the moment, from the server's clock and the event limits.</summary>
public sealed class CountWindows(TimeProvider clock, IOptions<EventLimits> limits)
{
    /// <summary>The instants that can hold counts now.</summary>
    public CountWindow Now() => CountWindow.At(clock.GetUtcNow().UtcDateTime, limits.Value);
}
