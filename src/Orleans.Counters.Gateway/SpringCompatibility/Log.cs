namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>The Spring event-counter service's API: event ids 2500–2599 (see <see cref="Gateway.Log"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "The Spring event-counter endpoints read their settings from {LegacySection}, the section's old name; rename it {Section}")]
    public static partial void LegacySection(ILogger logger, string legacySection, string section);
}
