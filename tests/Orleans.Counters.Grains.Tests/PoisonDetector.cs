using Orleans.Counters.Grains.Ingest;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A bot detector that throws on <see cref="UserAgent"/> while <see cref="Poisoned"/>: the ingest grain
/// then fails on every delivery of a message holding such an event, as on a poison message.
/// </summary>
public sealed class PoisonDetector : IBotDetector
{
    /// <summary>The user agent that poisons a message.</summary>
    public const string UserAgent = "poison-agent";

    private volatile bool _poisoned = true;

    /// <summary>Whether the user agent still throws; turned off to heal the messages before a replay.</summary>
    public bool Poisoned
    {
        get => _poisoned;
        set => _poisoned = value;
    }

    /// <inheritdoc />
    public bool IsBot(string userAgent) => userAgent == UserAgent && Poisoned
        ? throw new InvalidOperationException("This event cannot be counted (poison-agent).")
        : false;
}
